/** State of the record's "Show me the code" panel: its snippets, one shown at a time, and cells from them. */
import { IRecordView, ISnippet, ossrAPI } from './api';
import { IOSSRContext } from './context';
import { RecordPanelModel } from './recordPanelModel';

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
