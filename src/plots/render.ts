/**
 * The plotly figure for a plot's data: pure (data in, traces and layout out), so it is unit-tested without a
 * browser. Histograms are steps over the server's bins, densities a heatmap of its grid, scatter plots WebGL
 * points; the shared selection is drawn on top in the highlight colour.
 */
import { rgbAt } from '../sky/styleBy';
import { decode, IEncoded, IPlotData, IPoints } from './api';
import { IPlotSpec } from './tokens';

export const HIGHLIGHT = '#ff3d7f';

/** The density's colour scale for plotly: the sky's viridis-like scale, as the canvas preview draws it. */
export const DENSITY_SCALE: [number, string][] = Array.from(
  { length: 9 },
  (_, k) => {
    const [r, g, b] = rgbAt(k / 8);
    return [k / 8, `rgb(${r},${g},${b})`];
  }
);

export interface ITheme {
  font: string;
  grid: string;
  muted: string;
}

/** The parts of a plotly trace this module writes (plotly reads many more). */
export interface ITrace {
  type: 'scatter' | 'scattergl' | 'heatmap';
  mode?: 'lines' | 'markers';
  name?: string;
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
  z?: (number | null)[][];
  fill?: 'tozeroy';
  line?: { color: string; width: number };
  marker?: {
    color?: string | ArrayLike<number>;
    size?: number;
    opacity?: number;
    colorscale?: string;
    colorbar?: { title: { text?: string } };
  };
  hoverinfo?: 'skip';
  showlegend?: boolean;
  colorscale?: string | [number, string][];
  colorbar?: { title: { text: string } };
  hoverongaps?: boolean;
}

export interface IAxis {
  title: { text: string };
  type: 'log' | 'linear';
  gridcolor: string;
  zerolinecolor: string;
}

/** The plotly layout this module writes. */
export interface ILayout {
  dragmode: 'select';
  selectdirection: 'h' | 'any';
  paper_bgcolor: string;
  plot_bgcolor: string;
  font: { color: string };
  margin: { l: number; r: number; t: number; b: number };
  showlegend: boolean;
  legend: { orientation: 'h' };
  xaxis: IAxis;
  yaxis: IAxis;
}

export interface IFigure {
  data: ITrace[];
  layout: ILayout;
}

function centres(edges: number[], log: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    out.push(
      log ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2
    );
  }
  return out;
}

/** A step line over bin edges (works on log axes, where bars of a data-unit width do not). */
function steps(
  edges: number[],
  counts: number[]
): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  counts.forEach((c, i) => {
    x.push(edges[i], edges[i + 1]);
    y.push(c, c);
  });
  return { x, y };
}

function selectedTrace(points: IPoints | undefined, name: string): ITrace[] {
  if (!points) {
    return [];
  }
  return [
    {
      type: 'scattergl',
      mode: 'markers',
      name,
      x: decode(points.x),
      y: decode(points.y),
      marker: { color: HIGHLIGHT, size: 6 },
      hoverinfo: 'skip'
    }
  ];
}

type Labels = { selected: string; count: string };

export function figure(
  data: IPlotData,
  spec: IPlotSpec,
  theme: ITheme,
  labels: Labels
): IFigure {
  const traces =
    data.kind === 'histogram'
      ? histogramTraces(data, theme, labels)
      : data.kind === 'density'
        ? densityTraces(data, spec, labels)
        : scatterTraces(data, spec, theme, labels);
  const axis = (
    title: string | undefined,
    log: boolean | undefined
  ): IAxis => ({
    title: { text: title ?? '' },
    type: log ? 'log' : 'linear',
    gridcolor: theme.grid,
    zerolinecolor: theme.grid
  });
  return {
    data: traces,
    layout: {
      dragmode: 'select',
      selectdirection: data.kind === 'histogram' ? 'h' : 'any',
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: theme.font },
      margin: { l: 60, r: 20, t: 20, b: 50 },
      showlegend: data.kind !== 'density' && traces.length > 1,
      legend: { orientation: 'h' },
      xaxis: axis(spec.x, spec.logx),
      yaxis:
        data.kind === 'histogram'
          ? axis(labels.count, spec.logy)
          : axis(spec.y, spec.logy)
    }
  };
}

/** Steps of all rows' counts, and of the selected rows' counts over them. */
function histogramTraces(
  data: IPlotData,
  theme: ITheme,
  labels: Labels
): ITrace[] {
  const traces: ITrace[] = [];
  const edges = data.edges ?? [];
  const all = steps(edges, (data.counts as number[]) ?? []);
  traces.push({
    type: 'scatter',
    mode: 'lines',
    name: labels.count,
    ...all,
    fill: 'tozeroy',
    line: { color: theme.muted, width: 1 }
  });
  if (data.n_selected) {
    const sel = steps(edges, data.selected ?? []);
    traces.push({
      type: 'scatter',
      mode: 'lines',
      name: labels.selected,
      ...sel,
      fill: 'tozeroy',
      line: { color: HIGHLIGHT, width: 1 }
    });
  }
  return traces;
}

/** A heatmap of the grid's counts (empty bins transparent), an invisible trace to brush on, the selection. */
function densityTraces(
  data: IPlotData,
  spec: IPlotSpec,
  labels: Labels
): ITrace[] {
  const traces: ITrace[] = [];
  const nx = data.nx ?? 0;
  const counts = decode(data.counts as IEncoded);
  const z: (number | null)[][] = [];
  for (let j = 0; j < (data.ny ?? 0); j++) {
    z.push(
      Array.from(counts.subarray(j * nx, (j + 1) * nx), c => (c ? c : null))
    );
  }
  traces.push({
    type: 'heatmap',
    name: labels.count,
    x: centres(data.xedges ?? [], !!spec.logx),
    y: centres(data.yedges ?? [], !!spec.logy),
    z,
    colorscale: DENSITY_SCALE,
    colorbar: { title: { text: labels.count } },
    hoverongaps: false
  });
  // box selection needs a selectable trace: the corners of the grid, invisible
  const xe = data.xedges ?? [0, 1];
  const ye = data.yedges ?? [0, 1];
  traces.push({
    type: 'scatter',
    mode: 'markers',
    x: [xe[0], xe[xe.length - 1]],
    y: [ye[0], ye[ye.length - 1]],
    marker: { opacity: 0 },
    hoverinfo: 'skip',
    showlegend: false
  });
  traces.push(...selectedTrace(data.selected_points, labels.selected));
  return traces;
}

/** WebGL points, coloured by a column when the spec says so, and the selection on top. */
function scatterTraces(
  data: IPlotData,
  spec: IPlotSpec,
  theme: ITheme,
  labels: Labels
): ITrace[] {
  const traces: ITrace[] = [];
  const color = data.color ? decode(data.color) : null;
  traces.push({
    type: 'scattergl',
    mode: 'markers',
    name: spec.y ?? '',
    x: decode(data.x!),
    y: decode(data.y!),
    marker: color
      ? {
          color,
          colorscale: 'Viridis',
          size: 3,
          colorbar: { title: { text: spec.color } }
        }
      : { color: theme.muted, size: 3 }
  });
  traces.push(...selectedTrace(data.selected_points, labels.selected));
  return traces;
}
