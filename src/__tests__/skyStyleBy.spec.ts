import { colourAt, numericColumns, scaleOf, sizeAt } from '../sky/styleBy';

describe('sky colour and size by column', () => {
  const rows = [
    { id: 'a', mag: null, z: 0.1 },
    { id: 'b', mag: 14, z: 0.5 },
    { id: 'c', mag: 20, z: NaN },
    { id: 'd', mag: 17, z: 0.3 }
  ];

  it('offers the numeric columns only', () => {
    expect(numericColumns(rows)).toEqual(['mag', 'z']);
    expect(numericColumns([])).toEqual([]);
  });

  it('scales over the finite range and keeps missing values apart', () => {
    const scale = scaleOf(rows, 'mag');
    expect(scale(14)).toBe(0);
    expect(scale(20)).toBe(1);
    expect(scale(17)).toBe(0.5);
    expect(scale(null)).toBeNull();
    expect(scale('17')).toBeNull();
    expect(scaleOf(rows, 'z')(NaN)).toBeNull();
    // one distinct value: every source at the start of the scale, not NaN
    expect(scaleOf([{ v: 3 }], 'v')(3)).toBe(0);
  });

  it('maps the ends of the scale to its end colours and sizes', () => {
    expect(colourAt(0)).toBe('rgb(68,1,84)');
    expect(colourAt(1)).toBe('rgb(253,231,37)');
    expect(colourAt(2)).toBe('rgb(253,231,37)');
    expect(colourAt(0.5)).toBe('rgb(33,145,140)');
    expect(sizeAt(0, 8)).toBe(3);
    expect(sizeAt(1, 8)).toBe(16);
  });
});
