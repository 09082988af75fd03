/**
 * The plotly chart of a plot: draws the model's data in the theme's colours, turns a box drawn on it into a
 * brush on the model, and exports itself as an image. plotly.js is a separate chunk, loaded with the first plot;
 * a density is drawn on a canvas first (densityPreview.ts) and plotly starts after that picture is on screen.
 */
import { Notification } from '@jupyterlab/apputils';
import { markStep } from '../components/timing';
import { BoxBrush } from './boxBrush';
import { drawDensityPreview } from './densityPreview';
import { PlotModel } from './model';
import { figure } from './render';
import {
  afterPaint,
  IPlotlyNode,
  IPlotlySelected,
  loadPlotly,
  startedPlotly,
  theme
} from './plotlyLoader';

export class PlotChart {
  constructor(
    private _model: PlotModel,
    private _labels: { selected: string; count: string }
  ) {
    this.node = document.createElement('div');
    this.node.className = 'jp-escape-Plot-chart';
  }

  readonly node: HTMLDivElement;

  /**
   * Draw the model's data. Before plotly.js has started, a density is drawn on a canvas at once and plotly
   * takes over after that frame; `data-interactive` on the node says when plotly's chart (brushing) is there.
   */
  async draw(): Promise<void> {
    const data = this._model.data;
    if (!data) {
      return;
    }
    if (!startedPlotly() && data.kind === 'density') {
      this._drawPreview();
      this._interactive ??= afterPaint().then(() => this._drawPlotly());
      return;
    }
    await (this._interactive = this._drawPlotly());
  }

  resize(): void {
    this._box?.clear();
    const started = startedPlotly();
    if (this._preview && !started) {
      this._drawPreview();
    } else if (started && this.node.isConnected && this._model.data) {
      started.Plots.resize(this.node);
    }
  }

  private _drawPreview(): void {
    if (!this._preview) {
      this._preview = document.createElement('canvas');
      this._preview.className = 'jp-escape-Plot-preview';
      this.node.append(this._preview);
    }
    drawDensityPreview(
      this._preview,
      this._model.data!,
      this._model.spec,
      theme(),
      this._labels.count
    );
  }

  private async _drawPlotly(): Promise<void> {
    const Plotly = await loadPlotly();
    const data = this._model.data; // the latest: plotly may have started after newer data came
    if (!data) {
      return;
    }
    const fig = figure(data, this._model.spec, theme(), this._labels);
    await Plotly.react(this.node, fig.data, fig.layout, {
      responsive: true,
      displaylogo: false
    });
    markStep('plot-drawn');
    this._preview?.remove();
    this._preview = null;
    if (!this._bound) {
      this._bound = true;
      const chart = this.node as IPlotlyNode;
      chart.on('plotly_selected', event => this._onBrush(event));
      chart.on('plotly_deselect', () => this._model.selection.clear('plot'));
      // the box tool is ours (boxBrush.ts): plotly's redraws every point on each move and on the release
      this._box = new BoxBrush(
        this.node,
        range => this._onBrush({ range }),
        () => this._model.selection.clear('plot')
      );
      this._model.selection.changed.connect(this._followSelection, this);
    }
    const axes = JSON.stringify([
      data.kind,
      this._model.spec.x,
      this._model.spec.y,
      this._model.spec.logx,
      this._model.spec.logy
    ]);
    if (axes !== this._axes) {
      this._axes = axes;
      this._box?.clear(); // a box of other axes
    }
    this.node.dataset.interactive = String(Date.now());
  }

  /** Download the chart as it is drawn, in the theme's colours. */
  async exportImage(format: 'png' | 'svg', filename: string): Promise<void> {
    await (this._interactive ?? this._drawPlotly());
    const Plotly = await loadPlotly();
    await Plotly.downloadImage(this.node, {
      format,
      filename,
      width: 1000,
      height: 700
    });
  }

  private _onBrush(event?: IPlotlySelected): void {
    markStep('plot-brushed');
    const range = event?.range;
    if (!range) {
      return;
    }
    const xr = range.x ?? null;
    const yr = this._model.spec.kind === 'histogram' ? null : (range.y ?? null);
    this._model
      .brush(xr, yr)
      .catch(error => Notification.error(String(error.message ?? error)));
  }

  dispose(): void {
    this._box?.dispose();
    this._model.selection.changed.disconnect(this._followSelection, this);
  }

  /** A selection made elsewhere (grid, sky): the box drawn here is not what is selected any more. */
  private _followSelection(_: unknown, change: { origin: string }): void {
    if (change.origin !== 'plot') {
      this._box?.clear();
    }
  }

  private _bound = false;
  private _box: BoxBrush | null = null;
  private _axes = '';
  private _preview: HTMLCanvasElement | null = null;
  private _interactive: Promise<void> | null = null;
}
