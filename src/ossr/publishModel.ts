/**
 * State of the publish view: the folder, its codemeta.json (as a document and as the JSON text being typed), the
 * compliance report (checked again, debounced, as the document changes) and saving it into the folder. The
 * deposit choices and the publish job are the `deposit` model's (depositModel.ts); its changes are this model's.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { IConfig, IReport, ossrAPI } from './api';
import { Codemeta } from './codemetaForm';
import { IOSSRContext } from './context';
import { DepositModel } from './depositModel';
import {
  codemetaFile,
  existingCodemeta,
  folderFiles,
  writeCodemeta
} from './folderCodemeta';

/** How long typing pauses before the document is checked against the OSSR rules. */
const VALIDATE_DELAY_MS = 400;

export type Origin = 'existing' | 'generated';
export type EditorMode = 'form' | 'json';

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
    this.deposit = new DepositModel(this);
    this.deposit.changed.connect(() => this._changed.emit(), this);
    _ctx.config().then(
      config => this._set({ config }),
      error => this._set({ loadError: error })
    );
    void this.load(initialPath);
  }

  /** What to upload, where, and the publish job. */
  readonly deposit: DepositModel;
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
  saved: ISaveOutcome | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get canPublish(): boolean {
    return !!this.config?.can_publish;
  }

  /** A publish job is running. */
  get busy(): boolean {
    return this.deposit.busy;
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
    return this.ready && this.canPublish && this.deposit.hasFiles;
  }

  setPath(path: string): void {
    this._set({ path });
  }

  setMode(mode: EditorMode): void {
    this._set({ mode });
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
    this._set({ loading: true, loadError: null, saved: null });
    try {
      const existing = regenerate ? null : await existingCodemeta(folder);
      if (existing) {
        this.setDoc(existing.codemeta);
        this._set({ report: existing.report, origin: 'existing', sources: {} });
      } else {
        const generated = await ossrAPI.generate(folder);
        this.setDoc(generated.codemeta);
        this._set({
          report: generated.report,
          sources: generated.sources,
          origin: 'generated'
        });
      }
      this.loadedPath = folder;
      const contents = this._ctx.app.serviceManager.contents;
      await this.deposit.setFolder(folder, await folderFiles(contents, folder));
    } catch (error) {
      this._set({ loadError: error });
    } finally {
      this._set({ loading: false });
    }
  }

  /** Write the document as codemeta.json into the loaded folder. */
  async saveToFolder(): Promise<void> {
    const { doc, loadedPath } = this;
    if (!doc || loadedPath === null) {
      return;
    }
    const file = codemetaFile(loadedPath);
    try {
      await writeCodemeta(this._ctx.app.serviceManager.contents, file, doc);
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
    this.deposit.dispose();
    window.clearTimeout(this._validateTimer);
    this._validation += 1;
    Signal.clearData(this);
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
  | 'saved'
>;
