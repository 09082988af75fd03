/**
 * State of the Zooniverse section: the user's projects, the selected project's workflows, subject sets and
 * export state, and the current upload job (polled while it runs). Views read it and call its actions.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { describeError } from '../components';
import {
  IConfig,
  IExportState,
  IProject,
  ISubjectSet,
  IUploadJob,
  IWorkflow,
  zooniverseAPI
} from './api';

const POLL_MS = 1000;

export interface IUploadForm {
  subjectSetId: string;
  chosen: Set<string>;
  stretch: string;
  interval: string;
}
const RUNNING = ['pending', 'running'];

export class ZooniverseModel {
  config: IConfig | null = null;
  projects: IProject[] = [];
  project: IProject | null = null;
  workflows: IWorkflow[] = [];
  subjectSets: ISubjectSet[] = [];
  exportState: IExportState | null = null;
  job: IUploadJob | null = null;
  error: string | null = null;
  busy: string | null = null;
  notice: string | null = null;
  /** The upload form: the subject set ('' = the first), the basket items chosen, the PNG stretch and interval. */
  uploadForm: IUploadForm = {
    subjectSetId: '',
    chosen: new Set(),
    stretch: 'asinh',
    interval: 'zscale'
  };

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  setUploadForm(patch: Partial<IUploadForm>): void {
    this.uploadForm = { ...this.uploadForm, ...patch };
    this._changed.emit();
  }

  /** Choose a basket item for the upload, or leave it out. */
  toggleUploadItem(itemId: string): void {
    const chosen = new Set(this.uploadForm.chosen);
    if (chosen.has(itemId)) {
      chosen.delete(itemId);
    } else {
      chosen.add(itemId);
    }
    this.setUploadForm({ chosen });
  }

  /** Run an action with `label` shown as busy; its error (the server's words, service named) is kept. */
  private async _do<T>(
    label: string,
    action: () => Promise<T>
  ): Promise<T | null> {
    this.busy = label;
    this.error = null;
    this._changed.emit();
    try {
      return await action();
    } catch (error) {
      const view = describeError(error);
      const service = view.service ? `${view.service}: ` : '';
      this.error = `${service}${view.message}`;
      return null;
    } finally {
      this.busy = null;
      this._changed.emit();
    }
  }

  async load(): Promise<void> {
    await this._do('projects', async () => {
      this.config = await zooniverseAPI.config();
      this.projects = await zooniverseAPI.projects();
    });
  }

  async select(projectId: string): Promise<void> {
    this.project = this.projects.find(p => p.id === projectId) ?? null;
    this.workflows = [];
    this.subjectSets = [];
    this.exportState = null;
    this.notice = null;
    if (!this.project) {
      this._changed.emit();
      return;
    }
    await this._do('project', async () => {
      const [workflows, sets, state] = await Promise.all([
        zooniverseAPI.workflows(projectId),
        zooniverseAPI.subjectSets(projectId),
        zooniverseAPI.exportState(projectId)
      ]);
      this.workflows = workflows;
      this.subjectSets = sets;
      this.exportState = state;
    });
  }

  async refreshExport(): Promise<void> {
    const pid = this.project?.id;
    if (pid) {
      await this._do('export', async () => {
        this.exportState = await zooniverseAPI.exportState(pid);
      });
    }
  }

  async requestExport(): Promise<void> {
    const pid = this.project?.id;
    if (pid) {
      await this._do('export', async () => {
        this.exportState = await zooniverseAPI.requestExport(pid);
      });
    }
  }

  async toBasket(mode: 'classifications' | 'subjects'): Promise<void> {
    const pid = this.project?.id;
    if (pid) {
      const made = await this._do('basket', () =>
        zooniverseAPI.exportToBasket(pid, mode)
      );
      if (made) {
        this.notice = `${made.title}: ${made.rows} rows (${made.rows_without_position} without position)`;
        this._changed.emit();
      }
    }
  }

  async startUpload(
    subjectSetId: string,
    items: { item_id: string; label?: string }[],
    stretch: string,
    interval: string
  ): Promise<void> {
    const pid = this.project?.id;
    if (!pid) {
      return;
    }
    const job = await this._do('upload', () =>
      zooniverseAPI.startUpload({
        project_id: pid,
        subject_set_id: subjectSetId,
        items,
        stretch,
        interval
      })
    );
    this._follow(job);
  }

  async cancel(): Promise<void> {
    if (this.job) {
      const id = this.job.job_id;
      this._follow(
        await this._do('upload', () => zooniverseAPI.uploadAction(id, 'cancel'))
      );
    }
  }

  async resume(): Promise<void> {
    if (this.job) {
      const id = this.job.job_id;
      this._follow(
        await this._do('upload', () => zooniverseAPI.uploadAction(id, 'resume'))
      );
    }
  }

  get jobRunning(): boolean {
    return !!this.job && RUNNING.includes(this.job.state);
  }

  dispose(): void {
    window.clearTimeout(this._timer);
    Signal.clearData(this);
  }

  private _follow(job: IUploadJob | null): void {
    if (!job) {
      return;
    }
    this.job = job;
    this._changed.emit();
    window.clearTimeout(this._timer);
    if (RUNNING.includes(job.state)) {
      this._timer = window.setTimeout(async () => {
        try {
          this._follow(await zooniverseAPI.upload(job.job_id));
        } catch (error) {
          this.error = describeError(error).message;
          this._changed.emit();
        }
      }, POLL_MS);
    }
  }

  private _timer = 0;
  private _changed = new Signal<this, void>(this);
}
