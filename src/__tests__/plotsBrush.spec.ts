import { pointsInBrowser, rowsInBox } from '../plots/brush';
import { niceTicks } from '../plots/densityPreview';

const b64 = (
  values: number[],
  Type: Int32ArrayConstructor | Float64ArrayConstructor
) => ({
  dtype: Type === Int32Array ? ('i4' as const) : ('f8' as const),
  b64: Buffer.from(new Type(values).buffer).toString('base64')
});

const scatter = {
  kind: 'scatter' as const,
  n: 5,
  n_rows: 7,
  n_selected: 0,
  elapsed: 0,
  x: b64([1, 2, 3, 4, 5], Float64Array),
  y: b64([10, 20, 30, 40, 50], Float64Array),
  row: b64([6, 1, 3, 4, 0], Int32Array)
};

describe('brushing the points in the browser', () => {
  it('selects the row ids inside the closed box, ascending', () => {
    expect(Array.from(rowsInBox(scatter, [2, 4], [20, 40]))).toEqual([1, 3, 4]);
    expect(Array.from(rowsInBox(scatter, [2, 4], [25, 50]))).toEqual([3, 4]);
  });
  it('takes a missing range as the whole axis', () => {
    expect(Array.from(rowsInBox(scatter, null, [45, 60]))).toEqual([0]);
    expect(Array.from(rowsInBox(scatter, [4.5, 9], null))).toEqual([0]);
  });
  it('brushes in the browser only a scatter plot that holds its points', () => {
    expect(pointsInBrowser(scatter)).toBe(true);
    expect(pointsInBrowser(null)).toBe(false);
    expect(pointsInBrowser({ ...scatter, kind: 'density', x: undefined })).toBe(
      false
    );
  });
});

describe('axis ticks of the density drawn before plotly', () => {
  it('steps of 1, 2 or 5 times a power of ten inside the range', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-3.7, 4.2)).toEqual([-2, 0, 2, 4]);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  });
});
