/**
 * A density plot drawn on a canvas while plotly.js loads: the server's grid of counts as an image, axes with
 * ticks, titles and a colour bar, laid out like the plotly chart that replaces it. plotly.js takes most of a
 * second of the main thread to start; this puts the picture on screen first (brushing, hover and export come
 * with plotly, a moment later).
 */
import { rgbAt } from '../sky/styleBy';
import { decode, IEncoded, IPlotData } from './api';
import type { ITheme } from './render';
import type { IPlotSpec } from './tokens';

/** The chart's margins (as plotly's layout in render.ts) and the room the colour bar takes on the right. */
const MARGIN = { l: 60, r: 20, t: 20, b: 50 };
const COLOUR_BAR = 90;
const FONT = '12px sans-serif';

/** About `count` round values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) {
    return [lo];
  }
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 5, 10].map(m => m * power).find(s => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/** Ticks of an axis in plotted units (log10 of the value on a log axis) and their labels. */
function axisTicks(
  lo: number,
  hi: number,
  log: boolean
): { at: number; label: string }[] {
  const label = (v: number) => String(Number(v.toPrecision(6)));
  if (!log) {
    return niceTicks(lo, hi).map(at => ({ at, label: label(at) }));
  }
  const decades = niceTicks(lo, hi).filter(v => Number.isInteger(v));
  const at = decades.length >= 2 ? decades : niceTicks(lo, hi);
  return at.map(v => ({ at: v, label: label(10 ** v) }));
}

/** The counts as an image of nx x ny pixels (row 0 of the grid at the bottom), empty bins transparent. */
function countsImage(
  counts: ArrayLike<number>,
  nx: number,
  ny: number
): { image: HTMLCanvasElement; lo: number; hi: number } {
  let lo = Infinity;
  let hi = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k];
    if (c > 0) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
  }
  const image = document.createElement('canvas');
  image.width = nx;
  image.height = ny;
  const ctx = image.getContext('2d')!;
  const pixels = ctx.createImageData(nx, ny);
  const span = hi > lo ? hi - lo : 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = counts[j * nx + i];
      if (c > 0) {
        const p = ((ny - 1 - j) * nx + i) * 4;
        const [r, g, b] = rgbAt((c - lo) / span);
        pixels.data.set([r, g, b, 255], p);
      }
    }
  }
  ctx.putImageData(pixels, 0, 0);
  return { image, lo, hi };
}

/** Draw `data` (a density answer) into `canvas`, sized to its CSS box. */
export function drawDensityPreview(
  canvas: HTMLCanvasElement,
  data: IPlotData,
  spec: IPlotSpec,
  theme: ITheme,
  countLabel: string
): void {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, width, height);
  const nx = data.nx ?? 0;
  const ny = data.ny ?? 0;
  const xe = data.xedges ?? [0, 1];
  const ye = data.yedges ?? [0, 1];
  const plotted = (v: number, log: boolean) => (log ? Math.log10(v) : v);
  const [x0, x1] = [xe[0], xe[xe.length - 1]].map(v => plotted(v, !!spec.logx));
  const [y0, y1] = [ye[0], ye[ye.length - 1]].map(v => plotted(v, !!spec.logy));
  const box = {
    left: MARGIN.l,
    top: MARGIN.t,
    width: Math.max(10, width - MARGIN.l - MARGIN.r - COLOUR_BAR),
    height: Math.max(10, height - MARGIN.t - MARGIN.b)
  };
  const px = (v: number) => box.left + ((v - x0) / (x1 - x0)) * box.width;
  const py = (v: number) => box.top + (1 - (v - y0) / (y1 - y0)) * box.height;

  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of axisTicks(x0, x1, !!spec.logx)) {
    const x = Math.round(px(t.at)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, box.top);
    ctx.lineTo(x, box.top + box.height);
    ctx.stroke();
    ctx.fillText(t.label, x, box.top + box.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of axisTicks(y0, y1, !!spec.logy)) {
    const y = Math.round(py(t.at)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(box.left, y);
    ctx.lineTo(box.left + box.width, y);
    ctx.stroke();
    ctx.fillText(t.label, box.left - 4, y);
  }

  const counts = decode(data.counts as IEncoded);
  const { image, lo, hi } = countsImage(counts, nx, ny);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image, box.left, box.top, box.width, box.height);

  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(spec.x ?? '', box.left + box.width / 2, height - 4);
  ctx.save();
  ctx.translate(14, box.top + box.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.y ?? '', 0, 0);
  ctx.restore();
  colourBar(ctx, box.left + box.width + 20, box, { lo, hi }, countLabel);
}

/** The colour scale beside the plot, with count ticks and its title above. */
function colourBar(
  ctx: CanvasRenderingContext2D,
  left: number,
  box: { top: number; height: number },
  { lo, hi }: { lo: number; hi: number },
  title: string
): void {
  const text = ctx.fillStyle;
  const top = box.top + 20;
  const height = box.height - 20;
  for (let k = 0; k < height; k++) {
    const [r, g, b] = rgbAt(1 - k / height);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(left, top + k, 16, 1);
  }
  ctx.fillStyle = text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(title, left, box.top + 14);
  if (!(hi >= lo) || !Number.isFinite(lo)) {
    return;
  }
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(lo, hi, 5)) {
    const y = top + (1 - (t - lo) / (hi > lo ? hi - lo : 1)) * height;
    ctx.fillText(t.toLocaleString(), left + 20, y);
  }
}
