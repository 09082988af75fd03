/**
 * TAP async jobs (UWS), of one service or of all: the list polled while some job is unfinished (a
 * JobListModel), and the per-job actions (cancel, delete) with their labels while they run and the last
 * action's failure.
 */
import { JobListModel } from '../../common/jobListModel';
import { IJob, voAPI } from '../api';
import { describeError, IErrorView } from '../errors';
import { VOModel } from './base';

const POLL_MS = 3000;

export class TapJobsModel extends VOModel {
  constructor(serviceUrl?: string) {
    super();
    this.list = new JobListModel<IJob>({
      fetch: async () => (await voAPI.jobs(serviceUrl)).jobs,
      fingerprint: job => `${job.phase}|${job.checked}`,
      active: job => !job.final,
      min: POLL_MS,
      max: POLL_MS
    });
    this.list.changed.connect(() => this.emit(), this);
  }

  readonly list: JobListModel<IJob>;

  get jobs(): IJob[] | null {
    return this.list.jobs;
  }

  get unfinished(): boolean {
    return (this.list.jobs ?? []).some(j => !j.final);
  }

  /** The last action's failure, else the last listing's. */
  get error(): IErrorView | null {
    return (
      this._actionError ??
      (this.list.error ? describeError(this.list.error) : null)
    );
  }

  /** What runs on a job now ("cancelling", "deleting"), if anything. */
  pending(job: IJob): string | undefined {
    return this._pending.get(job.id);
  }

  cancel(job: IJob, label: string): Promise<void> {
    return this._act(job, label, () => voAPI.abortJob(job.id));
  }

  remove(job: IJob, label: string): Promise<void> {
    return this._act(job, label, () => voAPI.deleteJob(job.id));
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.list.dispose();
    super.dispose();
  }

  private async _act(
    job: IJob,
    label: string,
    work: () => Promise<unknown>
  ): Promise<void> {
    this._pending.set(job.id, label);
    this.emit();
    try {
      await work();
      this._actionError = null;
      this.list.reload();
    } catch (e) {
      this._actionError = describeError(e);
    } finally {
      this._pending.delete(job.id);
      this.emit();
    }
  }

  private _actionError: IErrorView | null = null;
  private _pending = new Map<string, string>();
}
