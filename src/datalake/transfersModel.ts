/**
 * State of the Transfers view: the staging and upload job lists (each polled only while its tab is on screen
 * and some job in it is active), the tab shown, the job selected. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { JobListModel } from '../common/jobListModel';
import {
  datalakeAPI,
  isActive,
  IStageJob,
  IUploadJob,
  jobFingerprint
} from './api';
import { DatalakeModel } from './model';

export type TransfersTab = 'stage' | 'upload';

export class TransfersModel implements IDisposable {
  constructor(
    private _lake: DatalakeModel,
    selected: string | null = null
  ) {
    this._selected = selected;
    for (const list of [this.stage, this.uploads]) {
      list.changed.connect(this._onListChanged, this);
    }
    _lake.jobsTouched.connect(this._onTouched, this);
  }

  readonly stage = new JobListModel<IStageJob>({
    fetch: async signal => (await datalakeAPI.stageJobs(signal)).jobs,
    fingerprint: jobFingerprint,
    active: isActive
  });

  readonly uploads = new JobListModel<IUploadJob>({
    fetch: async signal => (await datalakeAPI.uploadJobs(signal)).jobs,
    fingerprint: jobFingerprint,
    active: isActive
  });

  get tab(): TransfersTab {
    return this._tab;
  }

  get selected(): string | null {
    return this._selected;
  }

  /** The selected job when it is a staging job shown on the Staging tab. */
  get selectedStage(): string | null {
    const id = this._selected;
    return this._tab === 'stage' &&
      id &&
      this.stage.jobs?.some(j => j.id === id)
      ? id
      : null;
  }

  /** The selected job when it is an upload. */
  get selectedUpload(): string | null {
    const id = this._selected;
    return id && this.uploads.jobs?.some(j => j.id === id) ? id : null;
  }

  /** Staging jobs a server restart interrupted (Resume continues them). */
  get interrupted(): number {
    return (this.stage.jobs ?? []).filter(j => j.state === 'interrupted')
      .length;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  setTab(tab: TransfersTab): void {
    if (tab !== this._tab) {
      this._tab = tab;
      this._follow();
      this._changed.emit();
    }
  }

  select(id: string | null): void {
    if (id !== this._selected) {
      this._selected = id;
      this._switchToUploads();
      this._changed.emit();
    }
  }

  setOnScreen(onScreen: boolean): void {
    this._onScreen = onScreen;
    this._follow();
  }

  /** Ask the shown list again (jobs started from another tab or a notebook). */
  reload(): void {
    (this._tab === 'stage' ? this.stage : this.uploads).reload();
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._lake.jobsTouched.disconnect(this._onTouched, this);
    this.stage.dispose();
    this.uploads.dispose();
    Signal.clearData(this);
  }

  private _follow(): void {
    this.stage.setOnScreen(this._onScreen && this._tab === 'stage');
    this.uploads.setOnScreen(this._onScreen && this._tab === 'upload');
  }

  /** A selected id that is an upload shows the Uploads tab. */
  private _switchToUploads(): void {
    if (this._tab !== 'upload' && this.selectedUpload) {
      this._tab = 'upload';
      this._follow();
    }
  }

  private _onListChanged(): void {
    this._switchToUploads();
    this._changed.emit();
  }

  private _onTouched(): void {
    this.stage.reload();
    this.uploads.reload();
  }

  private _tab: TransfersTab = 'stage';
  private _selected: string | null;
  private _onScreen = false;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
