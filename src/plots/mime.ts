/**
 * Renderer of `application/vnd.escape.plot+json` (published by `jupyter_escape.plot`): a one-line receipt; a
 * fresh call opens the plot once, a replayed one (saved notebook) offers a button instead.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { IPlotSource } from './selection';
import { IPlotSpec, PLOT_MIME_TYPE } from './tokens';

const FRESH_MS = 2 * 60 * 1000;
const opened = new Set<string>();

export interface IPlotCommand {
  id: string;
  issued: number;
  view: string;
  source: IPlotSource;
  spec: IPlotSpec;
}

export class PlotCommandRenderer
  extends Widget
  implements IRenderMime.IRenderer
{
  constructor(
    private _trans: TranslationBundle,
    private _open: (cmd: IPlotCommand) => Promise<void>
  ) {
    super();
    this.addClass('jp-escape-PlotReceipt');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const cmd = model.data[PLOT_MIME_TYPE] as unknown as IPlotCommand;
    const plain = model.data['text/plain'];
    const text = document.createElement('span');
    text.textContent =
      typeof plain === 'string' ? plain : this._trans.__('Plot command');
    this.node.replaceChildren(text);
    if (!cmd || typeof cmd !== 'object' || !cmd.source || !cmd.spec) {
      text.textContent = this._trans.__('Malformed plot command.');
      return;
    }
    if (Date.now() - (cmd.issued ?? 0) < FRESH_MS && !opened.has(cmd.id)) {
      opened.add(cmd.id);
      this._run(cmd);
      return;
    }
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'jp-mod-styled';
    again.textContent = this._trans.__('Open plot');
    again.addEventListener('click', () => this._run(cmd));
    this.node.append(again);
  }

  private _run(cmd: IPlotCommand): void {
    this.node.dataset.state = 'pending';
    this._open(cmd)
      .then(() => (this.node.dataset.state = 'done'))
      .catch(error => {
        this.node.dataset.state = 'error';
        const problem = document.createElement('span');
        problem.setAttribute('role', 'alert');
        problem.textContent = ` — ${(error as Error).message ?? String(error)}`;
        this.node.append(problem);
      });
  }
}
