/**
 * The plot's toolbar: kind, axes and colour as expressions (with the table's columns offered), log axes, and
 * the action buttons. It shows the model's spec and writes the user's changes back to it; it holds no state.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import {
  actionButton,
  checkControl,
  selectControl,
  textControl
} from '../components/controls';
import { PlotModel } from './model';
import { IPlotSpec, PlotKind } from './tokens';

export interface IPlotActions {
  code(): Promise<void>;
  saveCode(): Promise<void>;
  image(format: 'png' | 'svg'): Promise<void>;
  toBasket(): Promise<void>;
}

let counter = 0;

export class PlotControls {
  constructor(
    private _model: PlotModel,
    trans: TranslationBundle,
    actions: IPlotActions
  ) {
    const bar = (this.node = document.createElement('div'));
    bar.className = 'jp-escape-Plot-bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', trans.__('Plot controls'));
    const apply = () => void this._model.setSpec(this._read());
    const hint = trans.__('column or expression');
    this._kind = selectControl(
      bar,
      trans.__('Plot'),
      [
        ['scatter', trans.__('Scatter')],
        ['histogram', trans.__('Histogram')],
        ['density', trans.__('Density (2-D bins)')]
      ],
      apply
    );
    this._x = textControl(bar, trans.__('X'), 'jp-escape-Plot-x', hint, apply);
    this._y = textControl(bar, trans.__('Y'), 'jp-escape-Plot-y', hint, apply);
    this._color = textControl(
      bar,
      trans.__('Colour'),
      'jp-escape-Plot-color',
      hint,
      apply
    );
    this._logx = checkControl(bar, trans.__('log X'), apply);
    this._logy = checkControl(bar, trans.__('log Y'), apply);
    actionButton(bar, trans.__('Code'), actions.code);
    actionButton(
      bar,
      '.py',
      actions.saveCode,
      trans.__('Save the Python that reproduces this plot')
    );
    const image = trans.__('Save the plot as %1');
    actionButton(
      bar,
      'PNG',
      () => actions.image('png'),
      image.replace('%1', 'PNG')
    );
    actionButton(
      bar,
      'SVG',
      () => actions.image('svg'),
      image.replace('%1', 'SVG')
    );
    this.basket = actionButton(
      bar,
      trans.__('Selection to basket'),
      actions.toBasket
    );
    this._columns = document.createElement('datalist');
    this._columns.id = `escape-plot-columns-${++counter}`;
    bar.append(this._columns);
    for (const input of [this._x, this._y, this._color]) {
      input.setAttribute('list', this._columns.id);
    }
  }

  readonly node: HTMLDivElement;
  readonly basket: HTMLButtonElement;

  /** Show the model's spec (an input being edited keeps what the user typed). */
  sync(): void {
    const s = this._model.spec;
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
      ...this._model.columns.map(
        c => new Option(c.unit ? `${c.name} [${c.unit}]` : c.name, c.name)
      )
    );
    this.basket.disabled = this._model.selection.rows.length === 0;
  }

  private _read(): Partial<IPlotSpec> {
    return {
      kind: this._kind.value as PlotKind,
      x: this._x.value.trim(),
      y: this._y.value.trim() || undefined,
      color: this._color.value.trim() || undefined,
      logx: this._logx.checked,
      logy: this._logy.checked
    };
  }

  private _kind: HTMLSelectElement;
  private _x: HTMLInputElement;
  private _y: HTMLInputElement;
  private _color: HTMLInputElement;
  private _logx: HTMLInputElement;
  private _logy: HTMLInputElement;
  private _columns: HTMLDataListElement;
}
