/** Large catalogues as typed arrays (src/sky/largeCatalogue.ts) and the pixel stamps they are drawn with. */
import { LargeCatalogue } from '../sky/largeCatalogue';
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
    const large = new LargeCatalogue(columns, rows, { color: '#00ff00' });
    expect(large.count).toBe(3);
    expect(Array.from(large.drawn.ra)).toEqual([10, 11, 12]);
    expect(Array.from(large.rowOf)).toEqual([0, 2, 3]);
    expect([0, 1, 2].map(i => large.idOf(i))).toEqual(['a', 'c', 'd']);
    expect(large.indicesOf(['d', 'b', 'a', 'zz'])).toEqual([2, 0]);
    expect(large.drawn.colours).toBe(packColour(0, 255, 0));
  });

  it('uses the row index as id without an id column', () => {
    const large = new LargeCatalogue({ ra: 'ra', dec: 'dec' }, rows, {});
    expect([0, 1, 2].map(i => large.idOf(i))).toEqual([0, 2, 3]);
    expect(large.indicesOf([3, 2])).toEqual([2, 1]);
  });

  it('colours and sizes by a column, the layer style where a value is missing', () => {
    const large = new LargeCatalogue(columns, rows, {
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
