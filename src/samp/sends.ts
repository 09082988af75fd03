/**
 * The sends started from this page: each is a job on the server (sendApi.ts), followed here until it ends so
 * the SAMP section shows its progress and offers Cancel, and the command that started it can say who took
 * it. In remote mode the browser delivers the link once the job has one (transport.deliver). State and
 * signals only, no JSX.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { ISampSource } from './api';
import { ISampSend, sendAPI } from './sendApi';
import { ISampTransport } from './transports';

/** Between two looks at a running send, ms: quick at first, slower while nothing moves. */
const FIRST_LOOK = 300;
const LAST_LOOK = 2000;

export class SampSends {
  /** The send on screen: the running one, else the last one (null before the first). */
  get current(): ISampSend | null {
    return this._current;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Start a send and follow it to its end; resolves with the ended job (done, failed or cancelled). */
  async run(
    transport: ISampTransport,
    source: ISampSource,
    to?: string,
    name?: string
  ): Promise<ISampSend> {
    let send = await transport.start(source, to, name);
    this._show(send);
    let delivered = false;
    let wait = FIRST_LOOK;
    while (send.active && !this._disposed) {
      if (transport.deliver && !delivered && send.state === 'sending') {
        delivered = true;
        send = await this._deliver(transport, send);
      } else {
        await new Promise(resolve => setTimeout(resolve, wait));
        const next = await sendAPI.get(send.id);
        wait = moved(send, next) ? FIRST_LOOK : Math.min(LAST_LOOK, wait * 2);
        send = next;
      }
      this._show(send);
    }
    return send;
  }

  /** Cancel a send (from the section or Activity): the server revokes its link and removes its file. */
  async cancel(id: string): Promise<void> {
    this._show(await sendAPI.cancel(id));
  }

  dispose(): void {
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _deliver(
    transport: ISampTransport,
    send: ISampSend
  ): Promise<ISampSend> {
    try {
      return await transport.deliver!(send);
    } catch (error) {
      // the hub went away or nobody takes it: the job ends failed, in those words
      return sendAPI.replies(send.id, [], '', (error as Error).message);
    }
  }

  private _show(send: ISampSend): void {
    if (
      this._current &&
      this._current.id !== send.id &&
      this._current.active &&
      !send.active
    ) {
      return; // an older send's late answer does not hide the running one
    }
    this._current = send;
    this._changed.emit();
  }

  private _current: ISampSend | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

function moved(a: ISampSend, b: ISampSend): boolean {
  return (
    a.state !== b.state ||
    a.written !== b.written ||
    a.served !== b.served ||
    a.replies.length !== b.replies.length
  );
}
