/**
 * The loop that brings in what desktop tools send: a long poll through the transport while a hub is there;
 * after a failure it waits a little and lets the model look for the hub again. No JSX.
 */
import { ISampEvent } from './api';

export interface IEventLoopOptions {
  /** The next events (a long poll; an empty list after a quiet while). */
  next: () => Promise<ISampEvent[]>;
  /** Whether to go on (a hub is there, the model is not disposed). */
  going: () => boolean;
  onEvent: (event: ISampEvent) => void;
  /** After a failed poll (the hub may be gone): refresh the status. */
  onFailure: () => Promise<unknown>;
}

const RETRY_MS = 5000;

export class EventLoop {
  constructor(private _options: IEventLoopOptions) {}

  /** Starts the loop unless it runs already. */
  start(): void {
    if (this._running) {
      return;
    }
    this._running = true;
    void this._run();
  }

  private async _run(): Promise<void> {
    const { next, going, onEvent, onFailure } = this._options;
    while (going()) {
      try {
        for (const event of await next()) {
          onEvent(event);
        }
      } catch {
        await new Promise(resolve => setTimeout(resolve, RETRY_MS));
        await onFailure();
      }
    }
    this._running = false;
  }

  private _running = false;
}
