/**
 * State shared by the data lake section and views: the configured instances, the one selected, the
 * authentication state of each (asked on demand, never on a timer), and a signal when jobs were started
 * or changed from this tab so job views poll at once.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { datalakeAPI, IAuthReply, IInstance, IInstancesReply } from './api';

export class DatalakeModel {
  get instances(): IInstance[] {
    return this._reply?.instances ?? [];
  }

  get workspaceDir(): string {
    return this._reply?.workspace_dir ?? '';
  }

  get loadError(): unknown {
    return this._loadError;
  }

  get loaded(): boolean {
    return this._reply !== null || this._loadError !== null;
  }

  get current(): string {
    return this._current || this.instances[0]?.name || '';
  }

  set current(name: string) {
    if (name === this._current) {
      return;
    }
    this._current = name;
    this._changed.emit();
    if (!this._auth.has(name)) {
      void this.checkAuth(name);
    }
  }

  instance(name?: string): IInstance | undefined {
    const n = name ?? this.current;
    return this.instances.find(i => i.name === n);
  }

  label(name?: string): string {
    const inst = this.instance(name);
    return inst?.display_name || inst?.name || name || '';
  }

  /** The last auth answer of an instance; null while it is being checked or was never asked. */
  auth(name?: string): IAuthReply | null {
    return this._auth.get(name ?? this.current) ?? null;
  }

  isChecking(name?: string): boolean {
    return this._checking.has(name ?? this.current);
  }

  /** Emitted when instances, the current instance or an auth state change. */
  get changed(): ISignal<DatalakeModel, void> {
    return this._changed;
  }

  /** Emitted when this tab started, cancelled or resumed a job (job views wake up their polling). */
  get jobsTouched(): ISignal<DatalakeModel, string> {
    return this._jobsTouched;
  }

  touchJobs(jobId: string): void {
    this._jobsTouched.emit(jobId);
  }

  /** Ask the Explore pane to show the contents of a container or dataset (from a details view). */
  requestBrowse(instance: string, did: string, type: string): void {
    this._pendingBrowse = { instance, did, type };
    this.current = instance;
    this._browseRequested.emit();
  }

  /** The pending browse request for `instance`, consumed by the Explore pane showing that instance. */
  takeBrowse(instance: string): { did: string; type: string } | null {
    const p = this._pendingBrowse;
    if (p && p.instance === instance) {
      this._pendingBrowse = null;
      return { did: p.did, type: p.type };
    }
    return null;
  }

  get browseRequested(): ISignal<DatalakeModel, void> {
    return this._browseRequested;
  }

  /** Fetch the instance list once (and again after a failure). */
  load(): Promise<void> {
    if (this._loading) {
      return this._loading;
    }
    this._loading = datalakeAPI
      .instances()
      .then((reply: IInstancesReply) => {
        this._reply = reply;
        this._loadError = null;
        if (!reply.instances.some(i => i.name === this._current)) {
          this._current = reply.instances[0]?.name ?? '';
        }
        this._changed.emit();
        if (this._current) {
          void this.checkAuth(this._current);
        }
      })
      .catch(error => {
        this._loadError = error;
        this._loading = null; // try again next time
        this._changed.emit();
      });
    return this._loading;
  }

  /** Ask the server whether the instance's credentials work (it really signs in); concurrent calls share one. */
  checkAuth(name: string): Promise<IAuthReply | null> {
    const running = this._authRequests.get(name);
    if (running) {
      return running;
    }
    this._checking.add(name);
    this._changed.emit();
    const request = datalakeAPI
      .auth(name)
      .then(
        reply => {
          this._auth.set(name, reply);
          return reply;
        },
        error => {
          const reply: IAuthReply = {
            instance: name,
            auth_type: this.instance(name)?.auth_type ?? '',
            state: 'failed',
            message: String(error?.message ?? error)
          };
          this._auth.set(name, reply);
          return reply;
        }
      )
      .finally(() => {
        this._checking.delete(name);
        this._authRequests.delete(name);
        this._changed.emit();
      });
    this._authRequests.set(name, request);
    return request;
  }

  private _reply: IInstancesReply | null = null;
  private _loadError: unknown = null;
  private _loading: Promise<void> | null = null;
  private _current = '';
  private _auth = new Map<string, IAuthReply>();
  private _checking = new Set<string>();
  private _authRequests = new Map<string, Promise<IAuthReply | null>>();
  private _changed = new Signal<DatalakeModel, void>(this);
  private _jobsTouched = new Signal<DatalakeModel, string>(this);
  private _browseRequested = new Signal<DatalakeModel, void>(this);
  private _pendingBrowse: {
    instance: string;
    did: string;
    type: string;
  } | null = null;
}
