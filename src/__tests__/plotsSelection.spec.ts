import { SelectionRegistry } from '../plots/selection';
import { requestSpec } from '../plots/api';
import { defaultSpec } from '../plots/model';

describe('the shared row selection', () => {
  it('is one model per table, sorted row ids, every change reported with its origin', () => {
    const registry = new SelectionRegistry();
    const a = registry.get({ kind: 'vo-result', id: 'r1' }, 'Gaia');
    expect(registry.get({ kind: 'vo-result', id: 'r1' })).toBe(a);
    expect(registry.get({ kind: 'vo-result', id: 'r2' })).not.toBe(a);
    const seen: string[] = [];
    a.changed.connect((_, c) => seen.push(`${c.origin}:${Array.from(c.rows)}`));
    a.set([7, 3, 5], 'plot', { xrange: [1, 2] });
    a.set([3, 5, 7], 'plot'); // same rows, same origin: no signal
    a.set([3], 'grid');
    expect(seen).toEqual(['plot:3,5,7', 'grid:3']);
    expect(a.has(3) && !a.has(5)).toBe(true);
    expect(registry.last).toBe(a);
  });
});

describe('plot specs', () => {
  it('sends no y for a histogram and colour only for a scatter plot', () => {
    expect(
      requestSpec({
        kind: 'histogram',
        x: 'mag',
        y: 'dec',
        logy: true,
        color: 'c'
      })
    ).toEqual({ kind: 'histogram', x: 'mag' });
    expect(
      requestSpec({
        kind: 'density',
        x: 'ra',
        y: 'dec',
        color: 'c',
        logx: true
      })
    ).toEqual({ kind: 'density', x: 'ra', y: 'dec', logx: true });
  });
  it('starts with non-positional numeric columns', () => {
    const col = (name: string, numeric = true) => ({
      name,
      numeric,
      datatype: 'double'
    });
    expect(
      defaultSpec([
        col('ra'),
        col('dec'),
        col('id', false),
        col('gmag'),
        col('bp_rp')
      ])
    ).toEqual({ kind: 'scatter', x: 'gmag', y: 'bp_rp' });
  });
});
