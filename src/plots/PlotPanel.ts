/**
 * A linked plot in the main area: controls (kind, axes as expressions, colour, log axes), the plotly chart,
 * and the actions (show me the code, PNG/SVG, selection to the basket). State lives in PlotModel.
 */
import {
  Clipboard,
  Dialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { PlotModel } from './model';
import { figure, ITheme } from './render';
import { IPlotSpec, PlotKind } from './tokens';

let plotly: Promise<any> | null = null;
/** plotly.js is a separate chunk, loaded with the first plot. */
function loadPlotly(): Promise<any> {
  return (plotly ??= import(
    /* webpackChunkName: "plotly" */ 'plotly.js-dist-min'
  ).then(m => m.default ?? m));
}

function cssVar(name: string, fallback: string): string {
  return (
    getComputedStyle(document.body).getPropertyValue(name).trim() || fallback
  );
}

function theme(): ITheme {
  return {
    font: cssVar('--jp-ui-font-color1', '#222'),
    grid: cssVar('--jp-border-color2', '#ddd'),
    muted: cssVar('--jp-brand-color1', '#1976d2')
  };
}

export class PlotPanel extends Widget {
  constructor(
    readonly model: PlotModel,
    readonly viewName: string,
    private _trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-escape-Plot');
    const bar = document.createElement('div');
    bar.className = 'jp-escape-Plot-bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', _trans.__('Plot controls'));
    this._kind = this._select(bar, _trans.__('Plot'), [
      ['scatter', _trans.__('Scatter')],
      ['histogram', _trans.__('Histogram')],
      ['density', _trans.__('Density (2-D bins)')]
    ]);
    this._x = this._input(bar, 'x', _trans.__('X'));
    this._y = this._input(bar, 'y', _trans.__('Y'));
    this._color = this._input(bar, 'color', _trans.__('Colour'));
    this._logx = this._check(bar, _trans.__('log X'));
    this._logy = this._check(bar, _trans.__('log Y'));
    this._button(bar, _trans.__('Code'), () => this._showCode());
    this._button(bar, 'PNG', () => this._export('png'));
    this._button(bar, 'SVG', () => this._export('svg'));
    this._basket = this._button(bar, _trans.__('Selection to basket'), () =>
      this._toBasket()
    );
    this._columns = document.createElement('datalist');
    this._columns.id = `${this.id || 'escape-plot'}-${Math.random().toString(36).slice(2)}-columns`;
    bar.append(this._columns);
    for (const input of [this._x, this._y, this._color]) {
      input.setAttribute('list', this._columns.id);
    }
    this._status = document.createElement('div');
    this._status.className = 'jp-escape-Plot-status';
    this._status.setAttribute('aria-live', 'polite');
    this._chart = document.createElement('div');
    this._chart.className = 'jp-escape-Plot-chart';
    this.node.append(bar, this._status, this._chart);
    model.changed.connect(() => void this._render());
  }

  private _readSpec(): Partial<IPlotSpec> {
    return {
      kind: this._kind.value as PlotKind,
      x: this._x.value.trim(),
      y: this._y.value.trim() || undefined,
      color: this._color.value.trim() || undefined,
      logx: this._logx.checked,
      logy: this._logy.checked
    };
  }

  private _syncControls(): void {
    const s = this.model.spec;
    this._kind.value = s.kind;
    for (const [input, value] of [
      [this._x, s.x],
      [this._y, s.y],
      [this._color, s.color]
    ] as const) {
      if (document.activeElement !== input) {
        input.value = value ?? '';
      }
    }
    this._logx.checked = !!s.logx;
    this._logy.checked = !!s.logy;
    this._y.disabled = s.kind === 'histogram';
    this._color.disabled = s.kind !== 'scatter';
    this._columns.replaceChildren(
      ...this.model.columns.map(
        c => new Option(c.unit ? `${c.name} [${c.unit}]` : c.name, c.name)
      )
    );
  }

  private async _render(): Promise<void> {
    const { status, data, error, selection } = this.model;
    this._syncControls();
    this._basket.disabled = selection.rows.length === 0;
    this.node.dataset.status = status;
    this.node.dataset.selected = String(selection.rows.length);
    this.node.dataset.selectedRows = Array.from(
      selection.rows.subarray(0, 2000)
    ).join(',');
    if (status === 'error') {
      this._status.textContent = error;
      this._status.classList.add('jp-mod-error');
      return;
    }
    this._status.classList.remove('jp-mod-error');
    if (!data) {
      this._status.textContent = this._trans.__('Loading…');
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
    const Plotly = await loadPlotly();
    const fig = figure(data, this.model.spec, theme(), {
      selected: this._trans.__('selected'),
      count: this._trans.__('rows')
    });
    await Plotly.react(this._chart, fig.data, fig.layout, {
      responsive: true,
      displaylogo: false
    });
    this.node.dataset.rendered = String(Date.now());
    if (!this._bound) {
      this._bound = true;
      (this._chart as any).on('plotly_selected', (event: any) =>
        this._onBrush(event)
      );
      (this._chart as any).on('plotly_deselect', () => selection.clear('plot'));
    }
  }

  private _onBrush(event: any): void {
    const range = event?.range;
    if (!range) {
      return;
    }
    const xr = range.x ?? null;
    const yr = this.model.spec.kind === 'histogram' ? null : (range.y ?? null);
    this.model
      .brush(xr, yr)
      .catch(error => Notification.error(String(error.message ?? error)));
  }

  protected onResize(): void {
    void loadPlotly().then(
      P =>
        this._chart.isConnected &&
        this.model.data &&
        P.Plots.resize(this._chart)
    );
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

  private async _export(format: 'png' | 'svg'): Promise<void> {
    const Plotly = await loadPlotly();
    await Plotly.downloadImage(this._chart, {
      format,
      filename: `plot-${this.model.spec.kind}`,
      width: 1000,
      height: 700
    });
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

  private _apply = () => void this.model.setSpec(this._readSpec());

  private _labelled<T extends HTMLElement>(
    bar: HTMLElement,
    text: string,
    el: T
  ): T {
    const label = document.createElement('label');
    el.setAttribute('aria-label', text); // a select's label would otherwise also read its options
    label.append(text, el);
    bar.append(label);
    return el;
  }

  private _select(
    bar: HTMLElement,
    text: string,
    options: [string, string][]
  ): HTMLSelectElement {
    const el = this._labelled(bar, text, document.createElement('select'));
    el.className = 'jp-mod-styled';
    options.forEach(([v, l]) => el.append(new Option(l, v)));
    el.addEventListener('change', this._apply);
    return el;
  }

  private _input(
    bar: HTMLElement,
    name: string,
    text: string
  ): HTMLInputElement {
    const el = this._labelled(bar, text, document.createElement('input'));
    el.className = `jp-mod-styled jp-escape-Plot-${name}`;
    el.placeholder = this._trans.__('column or expression');
    el.addEventListener('change', this._apply);
    return el;
  }

  private _check(bar: HTMLElement, text: string): HTMLInputElement {
    const el = this._labelled(bar, text, document.createElement('input'));
    el.type = 'checkbox';
    el.addEventListener('change', this._apply);
    return el;
  }

  private _button(
    bar: HTMLElement,
    text: string,
    run: () => Promise<void>
  ): HTMLButtonElement {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'jp-mod-styled';
    el.textContent = text;
    el.addEventListener('click', () =>
      run().catch(error => Notification.error(String(error.message ?? error)))
    );
    bar.append(el);
    return el;
  }

  private _kind: HTMLSelectElement;
  private _x: HTMLInputElement;
  private _y: HTMLInputElement;
  private _color: HTMLInputElement;
  private _logx: HTMLInputElement;
  private _logy: HTMLInputElement;
  private _basket: HTMLButtonElement;
  private _columns: HTMLDataListElement;
  private _status: HTMLDivElement;
  private _chart: HTMLDivElement;
  private _bound = false;
}
