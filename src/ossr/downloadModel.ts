/**
 * State of the record's download panel: the files chosen, the destination folder, and a download running file
 * by file (each md5-verified by the server) so progress is real; a failure stops there and the rest can be
 * retried.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { IDownloadedFile, IFile, IRecordView, ossrAPI } from './api';

export class DownloadModel {
  constructor(readonly record: IRecordView) {
    this.chosen = new Set(record.files.map(f => f.key));
  }

  chosen: Set<string>;
  /** The destination as typed ('' = the server's default workspace folder). */
  dest = '';
  done: IDownloadedFile[] = [];
  /** The folder the server wrote into. */
  directory: string | null = null;
  /** The file being downloaded. */
  current: string | null = null;
  error: unknown = null;
  failedKey: string | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get files(): IFile[] {
    return this.record.files.filter(f => this.chosen.has(f.key));
  }

  get totalBytes(): number {
    return this.files.reduce((s, f) => s + f.size, 0);
  }

  get doneBytes(): number {
    return this.done.reduce((s, f) => s + f.size, 0);
  }

  /** Chosen files not downloaded yet. */
  get remaining(): string[] {
    return this.files
      .filter(f => !this.done.some(d => d.key === f.key))
      .map(f => f.key);
  }

  get running(): boolean {
    return this.current !== null;
  }

  get started(): boolean {
    return this.current !== null || this.done.length > 0 || this.error !== null;
  }

  choose(key: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) {
      next.add(key);
    } else {
      next.delete(key);
    }
    this.chosen = next;
    this._changed.emit();
  }

  setDest(dest: string): void {
    this.dest = dest;
    this._changed.emit();
  }

  /** Download every chosen file, from the start. */
  start(): Promise<void> {
    this.done = [];
    return this._run(this.files.map(f => f.key));
  }

  /** Download what a failure left. */
  retryRemaining(): Promise<void> {
    return this._run(this.remaining);
  }

  dispose(): void {
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _run(keys: string[]): Promise<void> {
    this.error = null;
    this.failedKey = null;
    for (const key of keys) {
      if (this._disposed) {
        return;
      }
      this.current = key;
      this._changed.emit();
      try {
        const reply = await ossrAPI.download(
          this.record.id,
          [key],
          this.dest.trim() || undefined
        );
        this.directory = reply.directory;
        this.done = [...this.done.filter(x => x.key !== key), ...reply.files];
      } catch (error) {
        this.error = error;
        this.failedKey = key;
        this.current = null;
        this._changed.emit();
        return;
      }
    }
    this.current = null;
    this._changed.emit();
  }

  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
