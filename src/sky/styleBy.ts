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
  return numericColumnsOf(
    rows.length ? Object.keys(rows[0]) : [],
    rows.length,
    (name, row) => rows[row][name],
    rows.length
  );
}

/** The same for a table's columns, looking at its first `look` rows. */
export function numericColumnsOf(
  names: string[],
  length: number,
  valueAt: (name: string, row: number) => unknown,
  look = 50
): string[] {
  return names.filter(name => {
    for (let i = 0; i < Math.min(look, length); i++) {
      const value = valueAt(name, i);
      if (value !== null && value !== undefined) {
        return typeof value === 'number';
      }
    }
    return false;
  });
}

/** Maps a column's values to 0..1 over its finite range; null for a value that is not a finite number. */
export function scaleOf(
  rows: Record<string, unknown>[],
  column: string
): (value: unknown) => number | null {
  return valueScale(rows.map(row => row[column]));
}

/** Maps values to 0..1 over the finite range of `values` (a column, typed or not); null for a non-number. */
export function valueScale(
  values: ArrayLike<unknown>
): (value: unknown) => number | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (v < lo) {
        lo = v;
      }
      if (v > hi) {
        hi = v;
      }
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
