/**
 * Colour and size of a catalogue's sources by a numeric column: the scale (from the column's finite values) and
 * the two selects of the layer list that choose the columns.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ISkyLayerStyle } from './tokens';

/** Viridis-like stops, readable on the dark sky in both JupyterLab themes. */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37]
];

/** Columns whose first non-null value is a finite number (what a scale can be made from). */
export function numericColumns(rows: Record<string, unknown>[]): string[] {
  const names = rows.length ? Object.keys(rows[0]) : [];
  return names.filter(name => {
    const sample = rows.find(r => r[name] !== null && r[name] !== undefined);
    return typeof sample?.[name] === 'number';
  });
}

/** Maps a column's values to 0..1 over its finite range; null for a value that is not a finite number. */
export function scaleOf(
  rows: Record<string, unknown>[],
  column: string
): (value: unknown) => number | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    const v = row[column];
    if (typeof v === 'number' && Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi > lo ? hi - lo : 1;
  return value =>
    typeof value === 'number' && Number.isFinite(value) && lo <= hi
      ? (value - lo) / span
      : null;
}

/** Red, green, blue of a position 0..1 on the colour scale. */
export function rgbAt(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [r, g, b] = STOPS[i].map((c, k) =>
    Math.round(c + (STOPS[i + 1][k] - c) * f)
  );
  return [r, g, b];
}

/** `rgb()` of a position 0..1 on the colour scale. */
export function colourAt(t: number): string {
  const [r, g, b] = rgbAt(t);
  return `rgb(${r},${g},${b})`;
}

/** Source size in pixels for a position 0..1: from 3 px to twice the layer's size. */
export function sizeAt(t: number, base: number): number {
  return Math.round(3 + Math.min(1, Math.max(0, t)) * (2 * base - 3));
}

/** The "Colour by" and "Size by" selects of a catalogue layer. */
export function byColumnControls(
  trans: TranslationBundle,
  layerName: string,
  columns: string[],
  style: ISkyLayerStyle,
  onStyle: (style: ISkyLayerStyle) => void
): HTMLSelectElement[] {
  const make = (key: 'colorBy' | 'sizeBy', label: string) => {
    const select = document.createElement('select');
    select.className = `jp-mod-styled jp-escape-SkyLayer-${key}`;
    select.setAttribute('aria-label', label);
    select.title = label;
    select.append(
      new Option(
        key === 'colorBy' ? trans.__('one colour') : trans.__('one size'),
        ''
      ),
      ...columns.map(c => new Option(c, c))
    );
    select.value = style[key] ?? '';
    select.addEventListener('change', () =>
      onStyle({ [key]: select.value || undefined })
    );
    return select;
  };
  return [
    make('colorBy', trans.__('Colour %1 by column', layerName)),
    make('sizeBy', trans.__('Size %1 by column', layerName))
  ];
}
