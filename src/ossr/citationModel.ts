/** State of the record's "Cite" panel: its citations, fetched per format on first view. */
import { CiteFormat, ICitation, IRecordView, ossrAPI } from './api';
import { IOSSRContext } from './context';
import { RecordPanelModel } from './recordPanelModel';

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
