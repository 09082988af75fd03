/** Calls to the plot routes (jupyter_escape/handlers/plots.py). Numeric arrays arrive base64-encoded. */
import { requestAPI } from '../handler';
import type { IPlotSource } from './selection';
import type { IPlotSpec } from './tokens';

export interface IEncoded {
  dtype: 'f8' | 'i4';
  b64: string;
}

export interface IPlotColumn {
  name: string;
  datatype: string;
  numeric: boolean;
  unit?: string;
  ucd?: string;
}

/** A numeric array as the server sends it, or already decoded (points highlighted in the browser). */
export type IArray = IEncoded | Float64Array | Int32Array;

export interface IPoints {
  x: IArray;
  y: IArray;
  row: IArray;
  color?: IArray;
}

/** The answer of plots/aggregate: bins (histogram, density) or points (scatter), and the columns if asked. */
export interface IPlotData extends Partial<IPoints> {
  kind: 'histogram' | 'density' | 'scatter';
  n: number;
  n_rows: number;
  n_selected: number;
  elapsed: number;
  binned_from?: string;
  edges?: number[];
  counts?: number[] | IEncoded;
  selected?: number[];
  xedges?: number[];
  yedges?: number[];
  nx?: number;
  ny?: number;
  max?: number;
  selected_points?: IPoints;
  columns?: IPlotColumn[];
}

const decoded = new WeakMap<IEncoded, Float64Array | Int32Array>();

/**
 * The typed array of an encoded one, the same object each time for the same answer: plotly redraws only the
 * traces whose arrays changed, so highlighting a selection does not send 100,000 unchanged points again.
 */
export function decode(value: IArray): Float64Array | Int32Array {
  if (ArrayBuffer.isView(value)) {
    return value;
  }
  const known = decoded.get(value);
  if (known) {
    return known;
  }
  const text = atob(value.b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    bytes[i] = text.charCodeAt(i);
  }
  const out =
    value.dtype === 'i4'
      ? new Int32Array(bytes.buffer)
      : new Float64Array(bytes.buffer);
  decoded.set(value, out);
  return out;
}

/** The spec as the server takes it: no y for a histogram, colour only for a scatter plot. */
export function requestSpec(spec: IPlotSpec): IPlotSpec {
  const out: IPlotSpec = { ...spec };
  if (spec.kind === 'histogram') {
    delete out.y;
    delete out.logy;
  }
  if (spec.kind !== 'scatter') {
    delete out.color;
  }
  for (const key of Object.keys(out) as (keyof IPlotSpec)[]) {
    if (out[key] === '' || out[key] === undefined) {
      delete out[key];
    }
  }
  return out;
}

/** Whether the spec names its axes (a plot from the notebook), so the bins can be asked for at once. */
export function hasAxes(spec: IPlotSpec): boolean {
  return !!spec.x && (spec.kind === 'histogram' || !!spec.y);
}

/** Selections larger than this are not sent for highlighting (the grid and the sky still get them). */
export const MAX_HIGHLIGHT = 500_000;

function post<T>(endpoint: string, body: unknown, signal?: AbortSignal) {
  return requestAPI<T>(endpoint, {
    method: 'POST',
    body: JSON.stringify(body),
    signal
  });
}

export const plotsAPI = {
  describe: (source: IPlotSource) =>
    post<{ columns: IPlotColumn[]; n_rows: number }>('plots/describe', {
      source
    }),
  aggregate: (
    source: IPlotSource,
    spec: IPlotSpec,
    selection: Int32Array,
    signal?: AbortSignal,
    columns = false
  ) =>
    post<IPlotData>(
      'plots/aggregate',
      {
        source,
        ...spec,
        selection:
          selection.length <= MAX_HIGHLIGHT ? Array.from(selection) : [],
        ...(columns ? { columns } : {})
      },
      signal
    ),
  select: (
    source: IPlotSource,
    spec: IPlotSpec,
    xrange: number[] | null,
    yrange: number[] | null
  ) =>
    post<{ rows: IEncoded; count: number; truncated: boolean }>(
      'plots/select',
      {
        source,
        x: spec.x,
        y: spec.kind === 'histogram' ? null : spec.y,
        xrange,
        yrange
      }
    ),
  subset: (
    source: IPlotSource,
    rows: Int32Array,
    title: string,
    provenance: Record<string, unknown>
  ) =>
    requestAPI<{ id: string; title: string }>('plots/subset', {
      method: 'POST',
      body: JSON.stringify({
        source,
        rows: Array.from(rows),
        title,
        provenance
      })
    }),
  code: (source: IPlotSource, spec: IPlotSpec, view: string) =>
    post<{ code: string }>('plots/code', { source, spec, view }),
  keepSelection: (
    view: string,
    source: IPlotSource,
    rows: Int32Array,
    origin: string
  ) =>
    requestAPI<unknown>(`plots/selections/${encodeURIComponent(view)}`, {
      method: 'PUT',
      body: JSON.stringify({ source, rows: Array.from(rows), origin })
    })
};

/** A plot's bins asked for, still on their way, and how to cancel them. */
export interface IPendingPlotData {
  answer: Promise<IPlotData>;
  controller: AbortController;
}

/**
 * Ask for the bins (or points) of `spec`, with the table's columns when `columns` (a new plot: one request, not
 * a describe then an aggregate). The plots plugin calls this as soon as a plot command arrives, while the panel's
 * code is still loading, and hands the pending answer to the panel's model.
 */
export function askPlotData(
  source: IPlotSource,
  spec: IPlotSpec,
  selection: Int32Array,
  columns = false
): IPendingPlotData {
  const controller = new AbortController();
  const answer = plotsAPI.aggregate(
    source,
    requestSpec(spec),
    selection,
    controller.signal,
    columns
  );
  return { answer, controller };
}
