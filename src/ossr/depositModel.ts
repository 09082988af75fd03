/**
 * The deposit half of the publish view: what to upload (a release zip or chosen files), where (upload type,
 * sandbox), and the publish job the server runs for it (`ossr/publish/jobs`): followed while it runs, cancelled
 * between files, and its outcome: a result, or a failure that says what was uploaded and what remains, to resume.
 * The same job is in the Activity view. State and signals only, no JSX.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { IPublishJob, IPublishReply, IPublishRequest, ossrAPI } from './api';
import { Codemeta } from './codemetaForm';
import { EscapeAPIError } from '../handler';
import { publishJobActive } from './jobViews';

/** How often a running job is asked for its progress. */
const POLL_MS = 400;

export type UploadType = IPublishRequest['upload_type'];
export type FilesMode = 'zip' | 'chosen';

/** A publish that did not end well: what the repository holds (deposit, uploaded files) and what remains. */
export interface IPublishFailureState {
  error: unknown;
  depositId: number | null;
  uploaded: string[];
  remaining: string[];
  htmlUrl: string | null;
}

/** What the deposit needs from the document half (publishModel.ts). */
export interface IDepositSource {
  readonly doc: Codemeta | null;
  readonly loadedPath: string | null;
}

export class DepositModel {
  constructor(private _source: IDepositSource) {}

  uploadType: UploadType = 'software';
  sandbox = false;
  filesMode: FilesMode = 'zip';
  folderFiles: string[] = [];
  chosen: string[] = [];
  /** The job under way or the last one (its progress, its outcome). */
  job: IPublishJob | null = null;
  result: IPublishReply | null = null;
  failure: IPublishFailureState | null = null;
  /** Starting the job failed (refused before it ran). */
  startError: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** A publish job is running. */
  get busy(): boolean {
    return this._starting || (!!this.job && publishJobActive(this.job));
  }

  /** Cancel stops before the next file (the one going up finishes). */
  get canCancel(): boolean {
    return (
      !!this.job &&
      publishJobActive(this.job) &&
      !this.job.cancel_requested &&
      this.job.stage !== 'publishing'
    );
  }

  /** The folder's files a deposit may take (codemeta.json always goes). */
  get choosableFiles(): string[] {
    return this.folderFiles.filter(f => f !== 'codemeta.json');
  }

  /** Something chosen to upload. */
  get hasFiles(): boolean {
    return !(this.filesMode === 'chosen' && this.chosen.length === 0);
  }

  setUploadType(uploadType: UploadType): void {
    this._set({ uploadType });
  }

  setSandbox(sandbox: boolean): void {
    this._set({ sandbox });
  }

  setFilesMode(filesMode: FilesMode): void {
    this._set({ filesMode });
  }

  choose(file: string, on: boolean): void {
    const chosen = on
      ? [...this.chosen, file].sort()
      : this.chosen.filter(f => f !== file);
    this._set({ chosen });
  }

  /** A newly loaded folder: its files (all chosen), no outcome yet; a job still running there is followed. */
  async setFolder(folder: string, files: string[]): Promise<void> {
    this._set({
      folderFiles: files,
      chosen: files.filter(f => f !== 'codemeta.json'),
      result: null,
      failure: null,
      startError: null
    });
    if (this.busy) {
      return;
    }
    const jobs = await ossrAPI.publishJobs().catch(() => null);
    const running = jobs?.jobs.find(
      j => j.path === folder && publishJobActive(j)
    );
    if (running && !this.busy && !this._disposed) {
      this._set({ job: running });
      void this._follow(running.job_id);
    }
  }

  /**
   * Start a publish job for the loaded folder and follow it; `publish` publishes after the last upload.
   * `resumeFrom` (a failure) or `depositId` (a draft) continues that deposition: files already there are not sent
   * again.
   */
  async publish(
    publish: boolean,
    resumeFrom?: IPublishFailureState | null,
    depositId?: number
  ): Promise<void> {
    const { doc, loadedPath } = this._source;
    if (!doc || loadedPath === null || this.busy) {
      return;
    }
    const deposit = depositId ?? resumeFrom?.depositId ?? undefined;
    this._starting = true;
    this._set({ result: null, failure: null, startError: null });
    try {
      const job = await ossrAPI.startPublishJob({
        path: loadedPath,
        codemeta: doc,
        sandbox: this.sandbox,
        upload_type: this.uploadType,
        publish,
        ...(this.filesMode === 'chosen' ? { files: this.chosen } : {}),
        ...(deposit !== undefined ? { deposit_id: deposit } : {})
      });
      this._starting = false;
      this._set({ job });
      await this._follow(job.job_id);
    } catch (error) {
      this._starting = false;
      this._set({ startError: error });
    }
  }

  async cancel(): Promise<void> {
    if (!this.job || !this.canCancel) {
      return;
    }
    try {
      this._set({ job: await ossrAPI.cancelPublishJob(this.job.job_id) });
    } catch (error) {
      this._set({ startError: error });
    }
  }

  dispose(): void {
    this._disposed = true;
    Signal.clearData(this);
  }

  /** Ask for the job until it ends; then its result or failure. */
  private async _follow(jobId: string): Promise<void> {
    while (!this._disposed) {
      await new Promise(resolve => window.setTimeout(resolve, POLL_MS));
      let job: IPublishJob;
      try {
        job = await ossrAPI.publishJob(jobId);
      } catch (error) {
        this._set({ startError: error });
        return;
      }
      if (this.job?.job_id !== jobId) {
        return; // another job replaced it
      }
      this._set({ job });
      if (!publishJobActive(job)) {
        this._ended(job);
        return;
      }
    }
  }

  private _ended(job: IPublishJob): void {
    if (job.state === 'done' && job.result) {
      this._set({ result: job.result });
      return;
    }
    const err = job.error;
    // a cancel is the user's own: no service said it
    const error =
      job.state === 'cancelled' || !err?.service
        ? new Error(err?.error ?? job.state)
        : new EscapeAPIError({
            message: err.error,
            status: 502,
            service: err.service,
            url: ''
          });
    this._set({
      failure: {
        error,
        depositId: job.deposit_id,
        uploaded: job.uploaded,
        remaining: job.remaining,
        htmlUrl: job.html_url
      }
    });
  }

  private _set(patch: Partial<DepositModelState>): void {
    if (this._disposed) {
      return;
    }
    Object.assign(this, patch);
    this._changed.emit();
  }

  private _starting = false;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

/** The fields of the model a change may set. */
type DepositModelState = Pick<
  DepositModel,
  | 'uploadType'
  | 'sandbox'
  | 'filesMode'
  | 'folderFiles'
  | 'chosen'
  | 'job'
  | 'result'
  | 'failure'
  | 'startError'
>;
