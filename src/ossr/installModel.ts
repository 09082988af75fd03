/**
 * State of the record's install panel: the kernels the server knows, the chosen kernel, file and pip options, the
 * install plan (the exact command, confirmed by the user before it runs) and the install job with its output,
 * polled while it runs and cancellable.
 */
import { ISignal, Signal } from '@lumino/signaling';
import {
  IFile,
  IInstallJob,
  IInstallPlan,
  IKernelPython,
  IRecordView,
  JobState,
  ossrAPI
} from './api';

/** Release files pip can install. */
const INSTALLABLE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i;
const POLL_MS = 500;
const FINISHED: JobState[] = ['succeeded', 'failed', 'cancelled'];

export type InstallStage = 'idle' | 'planning' | 'running';

export class InstallModel {
  /** `activeKernel`: the current notebook's kernel name, chosen first when the server knows it. */
  constructor(
    readonly record: IRecordView,
    private _activeKernel: () => string | undefined
  ) {
    this.candidates = record.files.filter(f => INSTALLABLE.test(f.key));
    this.file = this.candidates[0]?.key ?? '';
    this.loadKernels();
  }

  readonly candidates: IFile[];
  kernels: IKernelPython[] | null = null;
  /** The Python of the chosen kernel. */
  python = '';
  file: string;
  pipOptions = '';
  stage: InstallStage = 'idle';
  job: IInstallJob | null = null;
  output: string[] = [];
  error: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get jobRunning(): boolean {
    return !!this.job && !FINISHED.includes(this.job.state);
  }

  /** The chosen kernel (for the confirmation). */
  get kernel(): IKernelPython | undefined {
    return this.kernels?.find(k => k.python === this.python);
  }

  set(
    patch: Partial<Pick<InstallModel, 'python' | 'file' | 'pipOptions'>>
  ): void {
    Object.assign(this, patch);
    this._emit();
  }

  loadKernels(): void {
    this.error = null;
    this._emit();
    ossrAPI.kernels().then(
      reply => {
        this.kernels = reply.kernels;
        const active = this._activeKernel();
        const pick =
          reply.kernels.find(k => k.name === active) ?? reply.kernels[0];
        this.python = pick?.python ?? '';
        this._emit();
      },
      error => {
        this.error = error;
        this._emit();
      }
    );
  }

  /** Ask the server for the exact command, let `confirm` show it, run it and follow its output. */
  async install(
    confirm: (plan: IInstallPlan) => Promise<boolean>
  ): Promise<void> {
    this.error = null;
    this.stage = 'planning';
    this._emit();
    let plan: IInstallPlan;
    try {
      plan = await ossrAPI.installPlan(
        this.record.id,
        this.python,
        this.file || undefined,
        this.pipOptions.split(/\s+/).filter(Boolean)
      );
    } catch (error) {
      this._stop(error);
      return;
    }
    if (!(await confirm(plan))) {
      this._stop(null);
      return;
    }
    try {
      const started = await ossrAPI.install(plan.plan_id);
      this.output = [];
      this.job = started;
      this.stage = 'running';
      this._emit();
      await this._follow(started);
    } catch (error) {
      this._stop(error);
    }
  }

  async cancel(): Promise<void> {
    if (!this.job) {
      return;
    }
    try {
      this.job = await ossrAPI.cancelInstall(this.job.job_id);
    } catch (error) {
      this.error = error;
    }
    this._emit();
  }

  dispose(): void {
    this._disposed = true;
    Signal.clearData(this);
  }

  private async _follow(started: IInstallJob): Promise<void> {
    let since = 0;
    while (!this._disposed) {
      const job = await ossrAPI.installJob(started.job_id, since);
      since = job.next;
      if (job.output.length) {
        this.output = [...this.output, ...job.output];
      }
      this.job = job;
      this._emit();
      if (FINISHED.includes(job.state)) {
        break;
      }
      await new Promise(resolve => window.setTimeout(resolve, POLL_MS));
    }
    this._stop(this.error);
  }

  private _stop(error: unknown): void {
    this.error = error;
    this.stage = 'idle';
    this._emit();
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
