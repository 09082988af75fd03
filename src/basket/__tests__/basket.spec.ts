/** Pure logic of the basket frontend: rows from a grid, sky columns and field, snippets, the cross-match form. */
import { crossmatchSnippet, itemSnippet, tableNameFor } from '../kinds';
import { jsonValue, rowsPayload, skyColumns } from '../rows';
import { fieldOf } from '../sky';
import { IBasketItem } from '../tokens';
import { FILE, formRequest, IForm } from '../xmatchForm';
import { canonicalJSON, sameBlock } from '../blocks';

const col = (name: string, ucd: string | null = null, numeric = true) => ({
  name,
  type: numeric ? 'Float64' : 'Utf8',
  numeric,
  unit: numeric ? 'deg' : null,
  ucd,
  description: null
});

const item = (over: Partial<IBasketItem>): IBasketItem => ({
  id: 'abc123',
  kind: 'vo_query',
  title: 'Bright stars (DR1)',
  source: 'http://x/tap',
  created: '',
  updated: '',
  group: null,
  notes: '',
  payload: {},
  extra: {},
  ...over
});

describe('rows', () => {
  it('makes cells JSON-safe', () => {
    expect(jsonValue(BigInt(42))).toBe(42);
    expect(jsonValue(BigInt('9007199254740993'))).toBe('9007199254740993');
    expect(jsonValue(NaN)).toBeNull();
    expect(jsonValue(new Date(Date.UTC(2020, 0, 2)))).toBe(
      '2020-01-02T00:00:00.000Z'
    );
    expect(jsonValue(new Uint8Array([1]))).toBeNull();
    expect(jsonValue('x')).toBe('x');
  });

  it('builds a vo_rows payload of the selected rows with column metadata', () => {
    const source = {
      columns: [col('ra', 'pos.eq.ra;meta.main'), col('name', null, false)],
      value: (c: number, r: number) => (c === 0 ? r * 10 : `s${r}`)
    };
    const payload = rowsPayload(source, [2, 5], { service_url: 'u' });
    expect(payload.columns).toEqual([
      { name: 'ra', unit: 'deg', ucd: 'pos.eq.ra;meta.main' },
      { name: 'name' }
    ]);
    expect(payload.rows).toEqual([
      [20, 's2'],
      [50, 's5']
    ]);
    expect(payload.origin).toEqual({ service_url: 'u', selection: [2, 5] });
  });

  it('says which columns were float32, and the VOTable datatype, precision and width', () => {
    const source = {
      columns: [
        { ...col('mag'), type: 'Float32' },
        { ...col('flux'), datatype: 'double', precision: 'E3', width: '10' },
        col('name', null, false)
      ],
      value: () => 1
    };
    expect(rowsPayload(source, [0], {}).columns).toEqual([
      { name: 'mag', unit: 'deg', datatype: 'float' },
      {
        name: 'flux',
        unit: 'deg',
        datatype: 'double',
        precision: 'E3',
        width: '10'
      },
      { name: 'name' }
    ]);
  });

  it('refuses more rows than fit inline', () => {
    const source = { columns: [col('ra')], value: () => 1 };
    expect(() =>
      rowsPayload(
        source,
        Array.from({ length: 5001 }, (_, i) => i),
        {}
      )
    ).toThrow(/at most 5000/);
  });

  it('finds position columns by UCD, by name, and per side of a cross-match', () => {
    expect(
      skyColumns([col('alpha_x', 'pos.eq.ra'), col('delta_x', 'pos.eq.dec')])
    ).toEqual({
      ra: 'alpha_x',
      dec: 'delta_x'
    });
    expect(skyColumns([col('RAJ2000'), col('DEJ2000')])).toEqual({
      ra: 'RAJ2000',
      dec: 'DEJ2000'
    });
    const xm = [
      col('ra_1', 'pos.eq.ra;meta.main'),
      col('dec_1', 'pos.eq.dec;meta.main'),
      col('ra_2'),
      col('dec_2'),
      col('separation_arcsec')
    ];
    expect(skyColumns(xm, 1)).toEqual({ ra: 'ra_1', dec: 'dec_1' });
    expect(skyColumns(xm, 2)).toEqual({ ra: 'ra_2', dec: 'dec_2' });
    expect(skyColumns([col('flux'), col('name', null, false)])).toBeNull();
  });
});

describe('sky field', () => {
  it('centres across RA = 0 and covers the sources', () => {
    const f = fieldOf(
      new Float64Array([359.5, 0.5]),
      new Float64Array([10, 10])
    )!;
    expect(Math.min(f.ra, 360 - f.ra)).toBeLessThan(1e-6);
    expect(f.dec).toBeCloseTo(10, 3);
    expect(f.fov).toBeGreaterThan(1);
    expect(f.fov).toBeLessThan(3);
  });

  it('is null without finite positions', () => {
    expect(
      fieldOf(new Float64Array([NaN]), new Float64Array([NaN]))
    ).toBeNull();
  });
});

describe('snippets', () => {
  it('names workspace tables like the server (slug)', () => {
    expect(tableNameFor(item({ title: 'Bright stars (DR1)' }))).toBe(
      'bright_stars_dr1'
    );
    expect(tableNameFor(item({ title: '2MASS cut' }))).toBe('t_2mass_cut');
    expect(tableNameFor(item({ extra: { table: 'mine' } }))).toBe('mine');
  });

  it('gives the notebook API code of an item', () => {
    const code = itemSnippet(item({}));
    expect(code).toContain('from jupyter_escape import basket');
    expect(code).toContain('basket.get("abc123")');
    expect(code).toContain('item.to_table()');
    expect(
      itemSnippet(
        item({ kind: 'datalake_did', payload: { scope: 's', name: 'n' } })
      )
    ).toContain('item.paths()');
  });

  it('writes the cross-match call, files as Path', () => {
    const code = crossmatchSnippet({
      left: 'abc123',
      right: { path: 'data/cat.fits' },
      radius: 1.5,
      find: 'best',
      join: 'inner',
      table: 'xm'
    });
    expect(code).toContain('from pathlib import Path');
    expect(code).toContain('Path("data/cat.fits")');
    expect(code).toContain('radius_arcsec=1.5');
    expect(code).toContain('table_name="xm"');
  });
});

describe('cross-match form', () => {
  const form: IForm = {
    left: 'abc',
    leftPath: '',
    right: FILE,
    rightPath: 'data/cat.csv',
    radius: '2',
    find: 'best',
    join: 'inner',
    table: 'xmatch_result',
    saveFile: true,
    format: 'parquet',
    path: 'results/x.parquet'
  };

  it('makes the request', () => {
    expect(formRequest(form)).toEqual({
      left: 'abc',
      right: { path: 'data/cat.csv' },
      radius_arcsec: 2,
      find: 'best',
      join: 'inner',
      table: 'xmatch_result',
      path: 'results/x.parquet'
    });
  });

  it('sends an engine only when the user overrides the automatic choice', () => {
    expect(formRequest({ ...form, engine: 'auto' })).not.toHaveProperty(
      'engine'
    );
    expect(formRequest({ ...form, engine: 'dask' })).toMatchObject({
      engine: 'dask'
    });
    const code = crossmatchSnippet({
      left: 'a',
      right: 'b',
      radius: 1,
      find: 'best',
      join: 'inner',
      table: 't',
      engine: 'dask'
    });
    expect(code).toContain('from jupyter_escape import scale');
    expect(code).toContain('engine="dask"');
  });

  it('names every field at fault', () => {
    const problems = formRequest({
      ...form,
      left: '',
      rightPath: ' ',
      radius: '-1',
      table: '1x'
    }) as string;
    expect(problems).toContain('left: choose a table');
    expect(problems).toContain("right: give the file's path");
    expect(problems).toContain('radius');
    expect(problems).toContain('table:');
  });
});

describe('notebook block comparison', () => {
  it('ignores key order (the notebook model does not keep it)', () => {
    // blocks reduced to the fields compared (a real one has more)
    type Block = NonNullable<Parameters<typeof sameBlock>[0]>;
    const a = {
      format: 1,
      groups: ['g'],
      items: [{ id: 'x', payload: { b: 1, a: [1, { d: 2, c: 3 }] } }]
    } as unknown as Block;
    const b = {
      groups: ['g'],
      format: 1,
      items: [{ payload: { a: [1, { c: 3, d: 2 }], b: 1 }, id: 'x' }]
    } as unknown as Block;
    expect(sameBlock(a, b)).toBe(true);
    expect(sameBlock(a, { ...b, items: [] })).toBe(false);
    expect(canonicalJSON({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });
});
