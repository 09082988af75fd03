/**
 * State of the record's "Cite" and "Show me the code" panels: what was fetched (per citation format, the code
 * snippets), the error of the last fetch, and the status line after "Copy" or "Insert into notebook".
 * A panel's model lives as long as the panel is open (RecordModel makes and disposes it).
 */
import { Clipboard } from '@jupyterlab/apputils';
import { ISignal, Signal } from '@lumino/signaling';
import { CiteFormat, ICitation, IRecordView, ISnippet, ossrAPI } from './api';
import { IOSSRContext } from './context';

/** How long "Copied to the clipboard" stays. */
const COPIED_MS = 2500;

/** What Cite and Code share: a fetch error, a changed signal, and the copy / insert status line. */
abstract class RecordPanelModel {
  constructor(
    protected ctx: IOSSRContext,
    readonly record: IRecordView
  ) {}

  error: unknown = null;
  /** "Copied to the clipboard" for a moment after Copy. */
  copied: string | null = null;
  /** What the last "Insert into notebook" did. */
  inserted: string | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  copy(text: string): void {
    Clipboard.copyToSystem(text);
    this.copied = this.ctx.trans.__('Copied to the clipboard');
    this.emit();
    window.clearTimeout(this._copiedTimer);
    this._copiedTimer = window.setTimeout(() => {
      this.copied = null;
      this.emit();
    }, COPIED_MS);
  }

  /** Fetch again after an error. */
  abstract retry(): void;

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this._copiedTimer);
    Signal.clearData(this);
  }

  protected async insert(code: string, done: string): Promise<void> {
    await this.ctx.insertCode(code);
    this.inserted = done;
    this.emit();
  }

  protected emit(): void {
    if (!this.disposed) {
      this._changed.emit();
    }
  }

  protected disposed = false;
  private _copiedTimer = 0;
  private _changed = new Signal<this, void>(this);
}

/** Citations of the record, fetched per format on first view. */
export class CitationModel extends RecordPanelModel {
  constructor(ctx: IOSSRContext, record: IRecordView) {
    super(ctx, record);
    this._fetch();
  }

  format: CiteFormat = 'bibtex';
  citations: Partial<Record<CiteFormat, ICitation>> = {};

  get citation(): ICitation | undefined {
    return this.citations[this.format];
  }

  select(format: CiteFormat): void {
    this.format = format;
    this.emit();
    this._fetch();
  }

  retry(): void {
    this._fetch();
  }

  /** A cell that writes the citation file next to the notebook. */
  insertCitation(citation: ICitation): Promise<void> {
    const { trans } = this.ctx;
    return this.insert(
      `%%writefile ${citation.filename}\n${citation.text.replace(/\n$/, '')}\n`,
      trans.__(
        'Inserted into the notebook (run it to write %1)',
        citation.filename
      )
    );
  }

  private _fetch(): void {
    const format = this.format;
    if (this.citations[format]) {
      return;
    }
    this.error = null;
    this.emit();
    ossrAPI.cite(this.record.id, format).then(
      citation => {
        this.citations = { ...this.citations, [format]: citation };
        this.emit();
      },
      error => {
        // an answer for a format no longer shown is not this view's error
        if (this.format === format) {
          this.error = error;
          this.emit();
        }
      }
    );
  }
}

/** The record's code snippets ("show me the code"), one shown at a time. */
export class SnippetsModel extends RecordPanelModel {
  constructor(ctx: IOSSRContext, record: IRecordView) {
    super(ctx, record);
    this.retry();
  }

  snippets: ISnippet[] | null = null;
  current = 'notebook';

  get snippet(): ISnippet | undefined {
    return (
      this.snippets?.find(s => s.id === this.current) ?? this.snippets?.[0]
    );
  }

  select(id: string): void {
    this.current = id;
    this.emit();
  }

  retry(): void {
    this.error = null;
    this.emit();
    ossrAPI.snippets(this.record.id).then(
      reply => {
        this.snippets = reply.snippets;
        if (
          !reply.snippets.some(s => s.id === this.current) &&
          reply.snippets.length
        ) {
          this.current = reply.snippets[0].id;
        }
        this.emit();
      },
      error => {
        this.error = error;
        this.emit();
      }
    );
  }

  insertSnippet(cell: string): Promise<void> {
    return this.insert(cell, this.ctx.trans.__('Inserted into the notebook'));
  }
}

/** A snippet as a notebook cell: Python as it is, shell through %%bash, anything else not insertable. */
export function cellFor(snippet: ISnippet): string | null {
  if (snippet.language === 'python') {
    return snippet.code;
  }
  if (snippet.language === 'bash') {
    return `%%bash\n${snippet.code}`;
  }
  return null;
}
