/**
 * State of the publish view: the folder, its codemeta.json (as a document and as the JSON text being typed), the
 * compliance report (checked again, debounced, as the document changes), the deposit choices, and the upload in
 * progress with its outcome: a result, or a failure that says what was uploaded and what remains, to resume.
 */
import { Contents } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import {
  IConfig,
  IPublishReply,
  IPublishRequest,
  IReport,
  OSSRPublishError,
  ossrAPI
} from './api';
import { Codemeta } from './codemetaForm';
import { IOSSRContext } from './context';
import { EscapeAPIError } from '../handler';

/** How long typing pauses before the document is checked against the OSSR rules. */
const VALIDATE_DELAY_MS = 400;

export type Origin = 'existing' | 'generated';
export type UploadType = IPublishRequest['upload_type'];
export type FilesMode = 'zip' | 'chosen';
export type EditorMode = 'form' | 'json';

/** A publish that failed: what the repository holds (deposit, uploaded files) and what remains to upload. */
export interface IPublishFailureState {
  error: unknown;
  depositId: number | null;
  uploaded: string[];
  remaining: string[];
  htmlUrl: string | null;
}

/** The upload call under way: `file` is the file going up one at a time, null for the release zip. */
export interface IPublishStep {
  done: number;
  total: number;
  index: number;
  file: string | null;
}

/** What saving codemeta.json into the folder gave. */
export interface ISaveOutcome {
  file: string;
  error: string | null;
}

export class PublishModel {
  constructor(
    private _ctx: IOSSRContext,
    initialPath: string
  ) {
    this.path = initialPath;
    _ctx.config().then(
      config => this._set({ config }),
      error => this._set({ loadError: error })
    );
    void this.load(initialPath);
  }

  config: IConfig | null = null;
  /** The folder field as typed. */
  path: string;
  /** The folder whose codemeta.json is being edited (null before the first load). */
  loadedPath: string | null = null;
  loading = false;
  loadError: unknown = null;
  origin: Origin = 'generated';
  /** Where each generated term came from (`_note`: a remark about the whole). */
  sources: Record<string, string> = {};
  doc: Codemeta | null = null;
  jsonText = '';
  jsonError: string | null = null;
  report: IReport | null = null;
  validating = false;
  validateError: unknown = null;
  mode: EditorMode = 'form';
  uploadType: UploadType = 'software';
  sandbox = false;
  filesMode: FilesMode = 'zip';
  folderFiles: string[] = [];
  chosen: string[] = [];
  step: IPublishStep | null = null;
  result: IPublishReply | null = null;
  failure: IPublishFailureState | null = null;
  saved: ISaveOutcome | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get canPublish(): boolean {
    return !!this.config?.can_publish;
  }

  /** An upload is running. */
  get busy(): boolean {
    return this.step !== null;
  }

  /** The document is checked, compliant and loaded from a folder: it can be deposited. */
  get ready(): boolean {
    return (
      !!this.doc &&
      !this.jsonError &&
      !!this.report?.compliant &&
      !this.validating &&
      !this.busy &&
      this.loadedPath !== null
    );
  }

  /** Ready, publishing enabled, and something chosen to upload. */
  get canDeposit(): boolean {
    return (
      this.ready &&
      this.canPublish &&
      !(this.filesMode === 'chosen' && this.chosen.length === 0)
    );
  }

  /** The folder's files a deposit may take (codemeta.json always goes). */
  get choosableFiles(): string[] {
    return this.folderFiles.filter(f => f !== 'codemeta.json');
  }

  setPath(path: string): void {
    this._set({ path });
  }

  setMode(mode: EditorMode): void {
    this._set({ mode });
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

  /** A document from the form (or a load): the JSON text follows it. */
  setDoc(doc: Codemeta): void {
    this._set({
      doc,
      jsonText: JSON.stringify(doc, null, 2),
      jsonError: null
    });
    this._scheduleValidation();
  }

  /** JSON typed by the user: the document follows it while it parses to an object. */
  setJsonText(text: string): void {
    this.jsonText = text;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(
          this._ctx.trans.__('codemeta.json must be a JSON object')
        );
      }
      this.jsonError = null;
      this.doc = parsed as Codemeta;
      this._scheduleValidation();
    } catch (err) {
      this.jsonError = String((err as Error).message);
    }
    this._changed.emit();
  }

  /** Read the folder's codemeta.json, or generate one from its files (always when `regenerate`). */
  async load(folder: string, regenerate = false): Promise<void> {
    this._set({
      loading: true,
      loadError: null,
      result: null,
      failure: null,
      saved: null
    });
    try {
      const existing = !regenerate && (await this._loadExisting(folder));
      if (!existing) {
        const generated = await ossrAPI.generate(folder);
        this.setDoc(generated.codemeta);
        this._set({
          report: generated.report,
          sources: generated.sources,
          origin: 'generated'
        });
      }
      this.loadedPath = folder;
      const files = await this._listFolder(folder);
      this._set({
        folderFiles: files,
        chosen: files.filter(f => f !== 'codemeta.json')
      });
    } catch (error) {
      this._set({ loadError: error });
    } finally {
      this._set({ loading: false });
    }
  }

  /**
   * Create or continue a deposition and upload; `publish` publishes it after the last upload. A failure keeps
   * the deposition id so `resumeFrom` (or `depositId`) continues it.
   */
  async publish(
    publish: boolean,
    resumeFrom?: IPublishFailureState | null,
    depositOverride?: number
  ): Promise<void> {
    const { doc, loadedPath, chosen, filesMode } = this;
    if (!doc || loadedPath === null) {
      return;
    }
    this._cancelRequested = false;
    this._set({ result: null, failure: null });
    let depositId = depositOverride ?? resumeFrom?.depositId ?? undefined;
    const base: Omit<IPublishRequest, 'publish'> = {
      path: loadedPath,
      codemeta: doc,
      sandbox: this.sandbox,
      upload_type: this.uploadType
    };
    // Chosen files go up one call at a time (the server skips files already there), so progress is per file;
    // the release zip is built and uploaded in one call.
    const batches: (string[] | undefined)[] =
      filesMode === 'chosen'
        ? chosen.map((_, i) => chosen.slice(0, i + 1))
        : [undefined];
    let last: IPublishReply | null = null;
    let at = 0;
    try {
      for (let i = 0; i < batches.length; i++) {
        if (this._cancelRequested) {
          // between two files: what went up stays in the draft, the rest can be resumed
          this._set({
            step: null,
            failure: {
              error: new Error(
                this._ctx.trans.__('Upload cancelled before %1', chosen[i])
              ),
              depositId: depositId ?? null,
              uploaded: (last?.uploaded ?? []).map(u => u.key),
              remaining: chosen.slice(i),
              htmlUrl: last?.html_url ?? null
            }
          });
          return;
        }
        at = i;
        const files = batches[i];
        this._set({
          step: {
            done: filesMode === 'chosen' ? i : 0,
            total: batches.length,
            index: i,
            file: files ? files[files.length - 1] : null
          }
        });
        last = await ossrAPI.publish({
          ...base,
          ...(files ? { files } : {}),
          ...(depositId !== undefined ? { deposit_id: depositId } : {}),
          publish: publish && i === batches.length - 1
        });
        depositId = last.deposit_id;
      }
      this._set({ step: null, result: last });
    } catch (error) {
      const body = error instanceof OSSRPublishError ? error.body : {};
      this._set({
        step: null,
        failure: {
          error,
          depositId: body.deposit_id ?? depositId ?? null,
          uploaded: (body.uploaded ?? []).map(u => u.key),
          // the server knows the files of the call that failed; the later calls never ran
          remaining: [
            ...(body.remaining ?? []),
            ...(filesMode === 'chosen' ? chosen.slice(at + 1) : [])
          ],
          htmlUrl: body.html_url ?? null
        }
      });
    }
  }

  /** Files go up one call at a time: stop before the next one (the one going up finishes). */
  get canCancel(): boolean {
    return (
      this.step !== null &&
      this.step.file !== null &&
      this.step.index < this.step.total - 1 &&
      !this._cancelRequested
    );
  }

  cancelPublish(): void {
    this._cancelRequested = true;
    this._changed.emit();
  }

  /** Write the document as codemeta.json into the loaded folder. */
  async saveToFolder(): Promise<void> {
    const { doc, loadedPath } = this;
    if (!doc || loadedPath === null) {
      return;
    }
    const file = loadedPath ? `${loadedPath}/codemeta.json` : 'codemeta.json';
    try {
      await this._ctx.app.serviceManager.contents.save(file, {
        type: 'file',
        format: 'text',
        content: JSON.stringify(doc, null, 2) + '\n'
      });
      this._set({ saved: { file, error: null } });
    } catch (e) {
      this._set({
        saved: { file, error: String((e as Error)?.message ?? e) }
      });
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    window.clearTimeout(this._validateTimer);
    this._validation += 1;
    Signal.clearData(this);
  }

  /** The folder's own codemeta.json, checked; false when it has none. */
  private async _loadExisting(folder: string): Promise<boolean> {
    try {
      const existing = await ossrAPI.validatePath(folder);
      if (!existing.codemeta) {
        return false;
      }
      this.setDoc(existing.codemeta);
      this._set({ report: existing, origin: 'existing', sources: {} });
      return true;
    } catch (error) {
      if (error instanceof EscapeAPIError && error.status === 404) {
        return false;
      }
      throw error;
    }
  }

  private async _listFolder(folder: string): Promise<string[]> {
    const listing = await this._ctx.app.serviceManager.contents
      .get(folder, { content: true })
      .catch(() => null);
    return ((listing?.content as Contents.IModel[] | undefined) ?? [])
      .filter(m => m.type !== 'directory')
      .map(m => m.name)
      .sort();
  }

  /** Check the document against the OSSR rules once typing pauses; an older answer never replaces a newer. */
  private _scheduleValidation(): void {
    window.clearTimeout(this._validateTimer);
    const generation = ++this._validation;
    const doc = this.doc;
    if (!doc) {
      return;
    }
    this._validateTimer = window.setTimeout(() => {
      const live = () => generation === this._validation;
      this._set({ validating: true });
      ossrAPI
        .validate(doc)
        .then(
          report => live() && this._set({ report, validateError: null }),
          error => live() && this._set({ validateError: error })
        )
        .finally(() => live() && this._set({ validating: false }));
    }, VALIDATE_DELAY_MS);
  }

  private _set(patch: Partial<PublishModelState>): void {
    if (this._disposed) {
      return;
    }
    Object.assign(this, patch);
    this._changed.emit();
  }

  private _disposed = false;
  private _cancelRequested = false;
  private _validation = 0;
  private _validateTimer = 0;
  private _changed = new Signal<this, void>(this);
}

/** The fields of the model a change may set. */
type PublishModelState = Pick<
  PublishModel,
  | 'config'
  | 'path'
  | 'loading'
  | 'loadError'
  | 'origin'
  | 'sources'
  | 'doc'
  | 'jsonText'
  | 'jsonError'
  | 'report'
  | 'validating'
  | 'validateError'
  | 'mode'
  | 'uploadType'
  | 'sandbox'
  | 'filesMode'
  | 'folderFiles'
  | 'chosen'
  | 'step'
  | 'result'
  | 'failure'
  | 'saved'
>;
