/** Large catalogues as typed arrays (src/sky/largeCatalogue.ts) and the pixel stamps they are drawn with. */
import { LargeCatalogue } from '../sky/largeCatalogue';
import { SkyTable } from '../sky/rows';
import { cssColour, packColour, ringStamp } from '../sky/stamps';

const rows = [
  { id: 'a', ra: 10, dec: 41, mag: 12 },
  { id: 'b', ra: 'x', dec: 41, mag: 14 },
  { id: 'c', ra: 11, dec: 42, mag: 16 },
  { id: 'd', ra: 12, dec: 43, mag: null }
];
const columns = { ra: 'ra', dec: 'dec', id: 'id' };

describe('LargeCatalogue', () => {
  it('keeps rows with numeric positions, with their row index and id', () => {
    const large = new LargeCatalogue(columns, SkyTable.of(rows), {
      color: '#00ff00'
    });
    expect(large.count).toBe(3);
    expect(Array.from(large.drawn.ra)).toEqual([10, 11, 12]);
    expect(Array.from(large.rowOf)).toEqual([0, 2, 3]);
    expect([0, 1, 2].map(i => large.idOf(i))).toEqual(['a', 'c', 'd']);
    expect(large.indicesOf(['d', 'b', 'a', 'zz'])).toEqual([2, 0]);
    expect(large.drawn.colours).toBe(packColour(0, 255, 0));
  });

  it('uses the row index as id without an id column', () => {
    const large = new LargeCatalogue(
      { ra: 'ra', dec: 'dec' },
      SkyTable.of(rows),
      {}
    );
    expect([0, 1, 2].map(i => large.idOf(i))).toEqual([0, 2, 3]);
    expect(large.indicesOf([3, 2])).toEqual([2, 1]);
    // row 1 has no position (no source); text row numbers as given by a notebook; not rows at all
    expect(large.indicesOf(['3', 1, 0, 2.5, -1, 4, 'x'])).toEqual([2, 0]);
    expect(large.prepareIds()).toBe(large.prepareIds()); // made once
  });

  it('colours and sizes by a column, the layer style where a value is missing', () => {
    const large = new LargeCatalogue(columns, SkyTable.of(rows), {
      color: '#ff0000',
      size: 8,
      colorBy: 'mag',
      sizeBy: 'mag'
    });
    const colours = large.drawn.colours as Uint32Array;
    const sizes = large.drawn.sizes as Uint8Array;
    // lowest and highest magnitude at the two ends of the scale (viridis-like: purple to yellow)
    expect(colours[0]).toBe(packColour(68, 1, 84));
    expect(colours[1]).toBe(packColour(253, 231, 37));
    expect(colours[2]).toBe(packColour(255, 0, 0));
    expect(Array.from(sizes)).toEqual([3, 16, 8]);
  });
});

describe('LargeCatalogue over columns', () => {
  const ra = new Float64Array([10, 11, 12]);
  const dec = new Float64Array([41, 42, 43]);
  const id = new Float64Array([1_000_000, 1_000_001, 1_000_002]);
  const mag = new Float32Array([20, 10, 15]);

  it('draws typed position columns as they are, and makes a record only for a row asked for', () => {
    const table = SkyTable.of({ id, ra, dec, mag });
    const large = new LargeCatalogue(columns, table, { color: '#00ff00' });
    expect(large.drawn.ra).toBe(ra); // no copy of a million positions
    expect(large.drawn.dec).toBe(dec);
    expect(large.idOf(2)).toBe(1_000_002);
    expect(large.indicesOf([1_000_001])).toEqual([1]);
    expect(large.rowOfSource(1)).toEqual({
      id: 1_000_001,
      ra: 11,
      dec: 42,
      mag: 10
    });
  });

  it('finds sources by numeric id, in increasing order or not', () => {
    const shuffled = new Float64Array([1_000_002, 1_000_000, 1_000_001]);
    for (const ids of [id, shuffled]) {
      const large = new LargeCatalogue(
        columns,
        SkyTable.of({ id: ids, ra, dec }),
        {}
      );
      const wanted = [1_000_001, 1_000_002, 7, '1000000'];
      expect(large.indicesOf(wanted).map(i => large.idOf(i))).toEqual([
        1_000_001, 1_000_002, 1_000_000
      ]);
    }
  });

  it('skips null, empty and non-numeric positions (null is not RA 0)', () => {
    const table = SkyTable.of({
      ra: [10, null, '', 'x', '12.5', 13],
      dec: [41, 41, 41, 41, '42', undefined]
    });
    const large = new LargeCatalogue({ ra: 'ra', dec: 'dec' }, table, {});
    expect(Array.from(large.rowOf)).toEqual([0, 4]);
    expect(Array.from(large.drawn.ra)).toEqual([10, 12.5]);
  });

  it('recolours in place: the canvas keeps the same layer (and so its selection)', () => {
    const table = SkyTable.of({ id, ra, dec, mag });
    const large = new LargeCatalogue(columns, table, { color: '#00ff00' });
    const drawn = large.drawn;
    large.restyle({ color: '#00ff00', colorBy: 'mag', size: 8 });
    expect(large.drawn).toBe(drawn);
    const colours = drawn.colours as Uint32Array;
    expect(colours[1]).toBe(packColour(68, 1, 84)); // mag 10, the scale's start
    expect(colours[0]).toBe(packColour(253, 231, 37)); // mag 20, its end
    large.restyle({ color: '#ff0000' });
    expect(drawn.colours).toBe(packColour(255, 0, 0));
  });
});

describe('SkyTable', () => {
  it('reads records and columns alike', () => {
    const fromRecords = SkyTable.of(rows);
    const fromColumns = SkyTable.of({
      id: ['a', 'b', 'c', 'd'],
      ra: [10, 'x', 11, 12],
      dec: [41, 41, 42, 43],
      mag: [12, 14, 16, null]
    });
    for (const table of [fromRecords, fromColumns]) {
      expect(table.length).toBe(4);
      expect(table.names).toEqual(['id', 'ra', 'dec', 'mag']);
      expect(table.has('mag')).toBe(true);
      expect(table.has('nope')).toBe(false);
      expect(Array.from(table.column('mag'))).toEqual([12, 14, 16, null]);
      expect(table.value('id', 2)).toBe('c');
      expect(table.row(3)).toEqual(rows[3]);
      expect(table.records()).toEqual(rows);
    }
  });
});

describe('stamps', () => {
  it('a ring holds only pixels at its radius', () => {
    const stamp = ringStamp(8);
    expect(stamp[0]).toBe(4);
    for (let k = 1; k < stamp.length; k += 2) {
      const d = Math.hypot(stamp[k], stamp[k + 1]);
      expect(d).toBeLessThanOrEqual(4);
      expect(d).toBeGreaterThanOrEqual(2.5);
    }
    expect(ringStamp(8)).toBe(stamp); // made once per diameter
  });

  it('reads hex and rgb() colours', () => {
    expect(cssColour('#00c8ff')).toBe(packColour(0, 200, 255));
    expect(cssColour('rgb(68,1,84)')).toBe(packColour(68, 1, 84));
  });
});
