import { parsePosition } from '../samp/PointForm';

describe('SAMP position field', () => {
  it('reads "ra dec" in degrees, with spaces or a comma', () => {
    expect(parsePosition('10.68 41.27')).toEqual({ ra: 10.68, dec: 41.27 });
    expect(parsePosition(' 150.1, -2.2 ')).toEqual({ ra: 150.1, dec: -2.2 });
  });

  it('refuses what is not two numbers in range', () => {
    for (const text of [
      '',
      '10',
      '10 20 30',
      'm31',
      '360 0',
      '-1 0',
      '10 91',
      '10 -90.5',
      'NaN 1'
    ]) {
      expect(parsePosition(text)).toBeNull();
    }
  });
});
