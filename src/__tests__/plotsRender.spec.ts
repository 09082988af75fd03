import { decode } from '../plots/api';
import { figure, HIGHLIGHT } from '../plots/render';

const theme = { font: '#000', grid: '#ccc', muted: '#00f' };
const labels = { selected: 'selected', count: 'rows' };
const b64 = (
  values: number[],
  Type: Int32ArrayConstructor | Float64ArrayConstructor
) => ({
  dtype: Type === Int32Array ? ('i4' as const) : ('f8' as const),
  b64: Buffer.from(new Type(values).buffer).toString('base64')
});

describe('plot figures from server aggregates', () => {
  it('decodes the base64 arrays the server sends', () => {
    expect(Array.from(decode(b64([1.5, -2], Float64Array)))).toEqual([1.5, -2]);
    expect(Array.from(decode(b64([3, 7], Int32Array)))).toEqual([3, 7]);
  });
  it('draws a histogram as steps over the bin edges, the selection on top', () => {
    const data = {
      kind: 'histogram' as const,
      n: 5,
      n_rows: 5,
      n_selected: 1,
      elapsed: 0,
      edges: [0, 1, 2],
      counts: [2, 3],
      selected: [0, 1]
    };
    const fig = figure(
      data,
      { kind: 'histogram', x: 'mag', logy: true },
      theme,
      labels
    );
    expect(fig.data[0].x).toEqual([0, 1, 1, 2]);
    expect(fig.data[0].y).toEqual([2, 2, 3, 3]);
    expect(fig.data[1].line!.color).toBe(HIGHLIGHT);
    expect(fig.layout.yaxis.type).toBe('log');
    expect(fig.layout.selectdirection).toBe('h');
  });
  it('draws a density as a heatmap of bin centres, empty bins transparent', () => {
    const data = {
      kind: 'density' as const,
      n: 3,
      n_rows: 3,
      n_selected: 0,
      elapsed: 0,
      nx: 2,
      ny: 2,
      xedges: [0, 1, 2],
      yedges: [10, 100, 1000],
      counts: b64([0, 1, 2, 0], Int32Array)
    };
    const fig = figure(
      data,
      { kind: 'density', x: 'a', y: 'b', logy: true },
      theme,
      labels
    );
    expect(fig.data[0].type).toBe('heatmap');
    expect(fig.data[0].x).toEqual([0.5, 1.5]);
    expect(fig.data[0].y![0]).toBeCloseTo(Math.sqrt(1000));
    expect(fig.data[0].z).toEqual([
      [null, 1],
      [2, null]
    ]);
  });
});
