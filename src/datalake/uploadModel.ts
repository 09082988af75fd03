/**
 * State of the "Upload to data lake…" form: the instance and what it offers (writable RSEs first, scopes, the
 * account's usage), the fields, the file's size (from the file browser's contents service), the quota check,
 * and the job once submitted. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { LatestRequest } from '../common/latestRequest';
import { datalakeAPI, IRSE, IUsage } from './api';
import { IUploadFields, uploadRequest, writable } from './uploadRequest';

export type { IMetaRow, IUploadFields } from './uploadRequest';

export class UploadModel implements IDisposable {
  constructor(
    instance: string,
    path: string,
    private _sizeOf: (path: string) => Promise<number | null>
  ) {
    this._fields = {
      instance,
      path,
      rse: '',
      scope: '',
      name: path.split('/').pop() ?? '',
      dataset: '',
      meta: [{ key: '', value: '' }],
      lifetimeDays: ''
    };
    this.reload();
    this._checkSize();
  }

  /** RSEs, scopes and usage of the instance, asked together. */
  readonly offers = new LatestRequest<[IRSE[], string[], IUsage]>(() =>
    this._onOffers()
  );

  get fields(): IUploadFields {
    return this._fields;
  }

  /** The file's size, null when the file browser does not know the path. */
  get size(): number | null {
    return this._size;
  }

  get quota(): IUsage['rses'][number] | undefined {
    return this.offers.data?.[2].rses.find(r => r.rse === this._fields.rse);
  }

  /** The file is larger than what the account has left on the RSE. */
  get tooBig(): boolean {
    const left = this.quota?.bytes_remaining;
    return (
      this._size !== null &&
      left !== null &&
      left !== undefined &&
      this._size > left
    );
  }

  get jobId(): string | null {
    return this._jobId;
  }

  get submitError(): unknown {
    return this._submitError;
  }

  get busy(): boolean {
    return this._busy;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  set(patch: Partial<IUploadFields>): void {
    const instanceChanged =
      patch.instance !== undefined && patch.instance !== this._fields.instance;
    const pathChanged =
      patch.path !== undefined && patch.path !== this._fields.path;
    this._fields = {
      ...this._fields,
      ...patch,
      ...(instanceChanged ? { rse: '', scope: '' } : {})
    };
    if (instanceChanged) {
      this.offers.run(null); // the other instance's RSEs and scopes are not offered meanwhile
      this.reload();
    }
    if (pathChanged) {
      this._checkSize();
    }
    this._emit();
  }

  reload(): void {
    const instance = this._fields.instance;
    this.offers.run(signal =>
      Promise.all([
        datalakeAPI.rses(instance, signal).then(r => writable(r.rses)),
        datalakeAPI.scopes(instance, signal).then(s => s.scopes),
        datalakeAPI.usage(instance, signal)
      ])
    );
  }

  /** Start the upload; resolves to the job id (null when the server said no: see submitError). */
  async submit(): Promise<string | null> {
    this._busy = true;
    this._submitError = null;
    this._emit();
    try {
      const job = await datalakeAPI.upload(uploadRequest(this._fields));
      this._jobId = job.id;
      return job.id;
    } catch (error) {
      this._submitError = error;
      return null;
    } finally {
      this._busy = false;
      this._emit();
    }
  }

  dispose(): void {
    if (!this._disposed) {
      this._disposed = true;
      this.offers.abort();
      Signal.clearData(this);
    }
  }

  private _onOffers(): void {
    const data = this.offers.data;
    if (data) {
      const [rses, scopes, usage] = data;
      const own = `user.${usage.account}`;
      this._fields = {
        ...this._fields,
        rse: this._fields.rse || rses[0]?.rse || '',
        scope:
          this._fields.scope || (scopes.includes(own) ? own : (scopes[0] ?? ''))
      };
    }
    this._emit();
  }

  private _checkSize(): void {
    const path = this._fields.path;
    this._size = null;
    if (!path) {
      return;
    }
    this._sizeOf(path).then(
      size => {
        if (path === this._fields.path) {
          this._size = size;
          this._emit();
        }
      },
      () => undefined // unknown to the file browser: said under the field
    );
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _fields: IUploadFields;
  private _size: number | null = null;
  private _jobId: string | null = null;
  private _submitError: unknown = null;
  private _busy = false;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
