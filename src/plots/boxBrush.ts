/**
 * The box brushed on a plot, drawn and read here rather than by plotly's select mode. plotly searches and
 * restyles every point on each move of a select drag (every 100 ms) and once more on the release; with
 * 100,000 WebGL points and software WebGL (no GPU, as on most hubs) each of those redraws costs 0.4-0.5 s, so
 * the box followed the mouse at two frames a second and the grid and the sky, though drawn, waited for the
 * release's redraw to reach the screen (a Chrome trace of benchmarks/plots/brush.bench.spec.ts showed the
 * compositor waiting in GLES2::ReadPixels). Here the box is an outline over the plot area; at the release its
 * corners go through the axes as plotly's select turns them into data ranges (the same clamping to the plot
 * area, the same thin-box rule for selectdirection "any", log axes in data units), and plotly draws only the
 * highlight the model asks for afterwards.
 *
 * It applies while plotly's drag mode is "select" (the box tool): zoom, pan and lasso stay plotly's.
 */

/** What this module reads of a plotly axis: pixel (from the plot area's edge) to data units. */
export interface IPlotlyAxis {
  p2d(px: number): number;
}

/** A box in pixels of the plot area (y down, as on screen). */
export interface IPixelBox {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

/** plotly's MINSELECT: a drag thinner than this (and than 0.6 of its length) selects a full band. */
const THIN = 12;
/** A press released within this many pixels is a click, not a box (plotly's MINDRAG). */
const CLICK = 8;

/**
 * The box of a drag from (x0, y0) to (x1, y1) in a plot area of pw x ph pixels, by plotly's rules: clamped to
 * the area; with direction "h" the full height (a histogram's x range); with "any", a nearly horizontal drag
 * selects the full height and a nearly vertical one the full width. Null for a click.
 */
export function dragBox(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  pw: number,
  ph: number,
  direction: 'h' | 'v' | 'd' | 'any' = 'any'
): IPixelBox | null {
  if (Math.hypot(x1 - x0, y1 - y0) < CLICK) {
    return null;
  }
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi, v));
  const [ax, ay, bx, by] = [
    clamp(x0, pw),
    clamp(y0, ph),
    clamp(x1, pw),
    clamp(y1, ph)
  ];
  const dx = Math.abs(bx - ax);
  const dy = Math.abs(by - ay);
  let kind = direction;
  if (kind === 'any') {
    kind =
      dy < Math.min(dx * 0.6, THIN)
        ? 'h'
        : dx < Math.min(dy * 0.6, THIN)
          ? 'v'
          : 'd';
  }
  return {
    xmin: kind === 'v' ? 0 : Math.min(ax, bx),
    xmax: kind === 'v' ? pw : Math.max(ax, bx),
    ymin: kind === 'h' ? 0 : Math.min(ay, by),
    ymax: kind === 'h' ? ph : Math.max(ay, by)
  };
}

/** The box in data units, each range ascending (as plotly's `plotly_selected` range). */
export function dataRanges(
  box: IPixelBox,
  xaxis: IPlotlyAxis,
  yaxis: IPlotlyAxis
): { x: number[]; y: number[] } {
  const ascending = (a: number, b: number) => [Math.min(a, b), Math.max(a, b)];
  return {
    x: ascending(xaxis.p2d(box.xmin), xaxis.p2d(box.xmax)),
    y: ascending(yaxis.p2d(box.ymin), yaxis.p2d(box.ymax))
  };
}

/** What the brush reads of plotly's chart node. */
interface IPlotlyChart extends HTMLElement {
  _fullLayout?: {
    dragmode?: string;
    selectdirection?: 'h' | 'v' | 'd' | 'any';
    xaxis?: IPlotlyAxis;
    yaxis?: IPlotlyAxis;
  };
}

/**
 * Box brushing on `chart` (a plotly chart node): `onBox` gets the data ranges at the release, `onClear` a
 * double click. The outline stays until the next press, a double click or `clear()`.
 */
export class BoxBrush {
  constructor(
    private _chart: HTMLElement,
    private _onBox: (range: { x: number[]; y: number[] }) => void,
    private _onClear: () => void
  ) {
    this._outline.className = 'jp-escape-Plot-box';
    this._outline.hidden = true;
    _chart.addEventListener('mousedown', this._down, true);
    _chart.addEventListener('dblclick', this._dblclick, true);
  }

  /** Take the outline away (the selection changed elsewhere). */
  clear(): void {
    this._outline.hidden = true;
  }

  dispose(): void {
    this._end();
    this._chart.removeEventListener('mousedown', this._down, true);
    this._chart.removeEventListener('dblclick', this._dblclick, true);
    this._outline.remove();
  }

  private _layout() {
    return (this._chart as IPlotlyChart)._fullLayout;
  }

  private _down = (event: MouseEvent): void => {
    const layout = this._layout();
    const area = event.target as Element | null;
    if (
      event.button !== 0 ||
      layout?.dragmode !== 'select' ||
      !layout.xaxis ||
      !layout.yaxis ||
      !area?.classList?.contains('nsewdrag')
    ) {
      return; // plotly's: other tools, the axes' own drag handles, the modebar
    }
    event.stopPropagation(); // plotly does not start its own select
    event.preventDefault();
    this._area = area.getBoundingClientRect();
    this._start = { x: event.clientX, y: event.clientY };
    this._outline.hidden = true;
    window.addEventListener('mousemove', this._move, true);
    window.addEventListener('mouseup', this._up, true);
  };

  private _move = (event: MouseEvent): void => {
    event.stopPropagation(); // no hover labels under the box while it is drawn
    const box = this._box(event);
    if (box) {
      this._show(box);
    }
  };

  private _up = (event: MouseEvent): void => {
    event.stopPropagation();
    const box = this._box(event);
    const layout = this._layout();
    this._end();
    if (!box || !layout?.xaxis || !layout.yaxis) {
      return;
    }
    this._show(box);
    this._onBox(dataRanges(box, layout.xaxis, layout.yaxis));
  };

  private _dblclick = (event: MouseEvent): void => {
    if (
      this._layout()?.dragmode === 'select' &&
      (event.target as Element | null)?.classList?.contains('nsewdrag')
    ) {
      event.stopPropagation();
      this._outline.hidden = true;
      this._onClear();
    }
  };

  private _box(event: MouseEvent): IPixelBox | null {
    const area = this._area;
    const start = this._start;
    if (!area || !start) {
      return null;
    }
    return dragBox(
      start.x - area.left,
      start.y - area.top,
      event.clientX - area.left,
      event.clientY - area.top,
      area.width,
      area.height,
      this._layout()?.selectdirection ?? 'any'
    );
  }

  /** The outline over the plot area (positioned in the chart node, which is the positioned ancestor). */
  private _show(box: IPixelBox): void {
    const area = this._area!;
    const origin = this._chart.getBoundingClientRect();
    const style = this._outline.style;
    style.left = `${area.left - origin.left + box.xmin}px`;
    style.top = `${area.top - origin.top + box.ymin}px`;
    style.width = `${box.xmax - box.xmin}px`;
    style.height = `${box.ymax - box.ymin}px`;
    if (!this._outline.isConnected) {
      this._chart.append(this._outline);
    }
    this._outline.hidden = false;
  }

  private _end(): void {
    window.removeEventListener('mousemove', this._move, true);
    window.removeEventListener('mouseup', this._up, true);
    this._start = null;
  }

  private _outline = document.createElement('div');
  private _area: DOMRect | null = null;
  private _start: { x: number; y: number } | null = null;
}
