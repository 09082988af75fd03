/**
 * State of a DID's details view: its details and notebook code (asked together, again on Refresh), and the
 * staging job started from it. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { LatestRequest } from '../common/latestRequest';
import { datalakeAPI, ICodeReply, IDetails } from './api';

export class DIDModel implements IDisposable {
  constructor(
    readonly instance: string,
    readonly did: string
  ) {
    this.refresh();
  }

  /** Details and code, asked together; the last answer stays while a Refresh runs. */
  readonly request = new LatestRequest<[IDetails, ICodeReply]>(() =>
    this._emit()
  );

  get details(): IDetails | null {
    return this.request.data?.[0] ?? null;
  }

  /** What is staged and the code reaching it (asked again when a staging ends). */
  get code(): ICodeReply | null {
    return this._code ?? this.request.data?.[1] ?? null;
  }

  /** The staging job started from this view, followed in its card. */
  get jobId(): string | null {
    return this._jobId;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  refresh(): void {
    const { instance, did } = this;
    this._code = null;
    this.request.run(signal =>
      Promise.all([
        datalakeAPI.details(instance, did, signal),
        datalakeAPI.code(instance, did, signal)
      ])
    );
  }

  setJob(id: string | null): void {
    this._jobId = id;
    this._emit();
  }

  /** The followed staging ended: what is staged changed, ask for the code again. */
  jobDone(): void {
    datalakeAPI.code(this.instance, this.did).then(
      code => {
        this._code = code;
        this._emit();
      },
      () => undefined // the next Refresh says what is wrong
    );
  }

  dispose(): void {
    if (!this._disposed) {
      this._disposed = true;
      this.request.abort();
      Signal.clearData(this);
    }
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _code: ICodeReply | null = null;
  private _jobId: string | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
