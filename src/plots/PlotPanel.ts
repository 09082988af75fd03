/**
 * A linked plot in the main area: the toolbar (controls.ts), a status line and the chart (chart.ts). State
 * lives in PlotModel; this widget lays the views out and runs the actions (code, exports, basket).
 */
import {
  Clipboard,
  Dialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import '../../style/plots.css';
import { PlotChart } from './chart';
import { PlotControls } from './controls';
import { PlotModel } from './model';

export class PlotPanel extends Widget {
  constructor(
    readonly model: PlotModel,
    readonly viewName: string,
    private _trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-escape-Plot');
    this._controls = new PlotControls(model, _trans, {
      code: () => this._showCode(),
      saveCode: () => this._saveCode(),
      image: format =>
        this._chart.exportImage(format, `plot-${model.spec.kind}`),
      toBasket: () => this._toBasket()
    });
    this._status = document.createElement('div');
    this._status.className = 'jp-escape-Plot-status';
    this._status.setAttribute('aria-live', 'polite');
    this._chart = new PlotChart(model, {
      selected: _trans.__('selected'),
      count: _trans.__('rows')
    });
    this.node.append(this._controls.node, this._status, this._chart.node);
    model.changed.connect(() => void this._render());
    // The chart takes the theme's colours when it draws: draw again when the user switches theme (the light
    // theme's grid lines stayed near-white on the dark background).
    this._themeWatch.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name']
    });
  }

  dispose(): void {
    this._themeWatch.disconnect();
    this._chart.dispose();
    super.dispose();
  }

  private async _render(): Promise<void> {
    const { status, data, error, selection } = this.model;
    this._controls.sync();
    this.node.dataset.status = status;
    this.node.dataset.selected = String(selection.rows.length);
    this.node.dataset.selectedRows = Array.from(
      selection.rows.subarray(0, 2000)
    ).join(',');
    this._status.classList.toggle('jp-mod-error', status === 'error');
    if (status === 'error' || !data) {
      this._status.textContent = error ?? this._trans.__('Loading…');
      return;
    }
    const binned =
      data.binned_from === 'scatter'
        ? this._trans.__(
            ' (too many points for a scatter plot: binned on the server)'
          )
        : '';
    this._status.textContent =
      this._trans.__(
        '%1 of %2 rows plotted, %3 selected',
        data.n.toLocaleString(),
        data.n_rows.toLocaleString(),
        selection.rows.length.toLocaleString()
      ) + binned;
    if (status === 'loading') {
      // the figure has not changed yet: drawing it again (a density's highlight asked of the server) held a
      // new selection's way to the grid and sky back by a plotly redraw, ~0.1 s
      return;
    }
    await this._chart.draw();
    this.node.dataset.rendered = String(Date.now());
  }

  protected onResize(): void {
    this._chart.resize();
  }

  private async _showCode(): Promise<void> {
    const code = await this.model.code(this.viewName);
    const body = document.createElement('pre');
    body.className = 'jp-escape-Plot-code';
    body.textContent = code;
    const answer = await showDialog({
      title: this._trans.__('Python for this plot'),
      body: new Widget({ node: body }),
      buttons: [
        Dialog.cancelButton({ label: this._trans.__('Close') }),
        Dialog.okButton({ label: this._trans.__('Copy') })
      ]
    });
    if (answer.button.accept) {
      Clipboard.copyToSystem(code);
    }
  }

  /** The reproducing code as a .py download, next to the PNG/SVG of the same plot. */
  private async _saveCode(): Promise<void> {
    const code = await this.model.code(this.viewName);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(
      new Blob([code], { type: 'text/x-python' })
    );
    link.download = `plot-${this.model.spec.kind}.py`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private async _toBasket(): Promise<void> {
    const n = this.model.selection.rows.length;
    const item = await this.model.toBasket(
      this._trans.__('%1 selected rows of %2', n, this.model.selection.title)
    );
    Notification.info(this._trans.__('Added "%1" to the basket', item.title), {
      autoClose: 3000
    });
  }

  private _controls: PlotControls;
  private _status: HTMLDivElement;
  private _chart: PlotChart;
  private _themeWatch = new MutationObserver(() => {
    if (this.model.data) {
      void this._chart.draw();
    }
  });
}
