/**
 * What the panels print for spectral coverage, sky positions and float cells (issue 19, "reading well").
 * Expected values are worked by hand from the definitions (E = h c / λ, 15° per hour), not from the code.
 */
import {
  formatDecDms,
  formatDegrees,
  formatPosition,
  formatRaHms
} from '../components/coordinates';
import { formatSpectralRange, spectralQuantity } from '../components/spectral';
import { tableFromArrays } from 'apache-arrow';
import { ArrowModel } from '../grid/arrowModel';
import {
  alignOnPoint,
  columnNumberFormat,
  formatNumber,
  fractionDigits
} from '../grid/numberFormat';

const H = 6.62607015e-34;
const C = 299792458;
const EV = 1.602176634e-19;

describe('formatSpectralRange', () => {
  it('reads radio in frequency (LOFAR HBA 120-240 MHz)', () => {
    expect(formatSpectralRange(120e6 * H, 240e6 * H)).toBe('120–240 MHz');
    expect(spectralQuantity(150e6 * H)).toBe('frequency');
  });
  it('reads GHz radio in GHz', () => {
    expect(formatSpectralRange(1e9 * H, 2e9 * H)).toBe('1–2 GHz');
  });
  it('reads optical in nanometres, short end first', () => {
    // 400 nm is the higher energy: given in either order, printed 400–900 nm.
    expect(formatSpectralRange((H * C) / 900e-9, (H * C) / 400e-9)).toBe(
      '400–900 nm'
    );
    expect(formatSpectralRange((H * C) / 400e-9, (H * C) / 900e-9)).toBe(
      '400–900 nm'
    );
  });
  it('reads infrared in micrometres', () => {
    expect(formatSpectralRange((H * C) / 24e-6, (H * C) / 3.4e-6)).toBe(
      '3.4–24 µm'
    );
  });
  it('reads X-rays in keV', () => {
    expect(formatSpectralRange(0.5e3 * EV, 10e3 * EV)).toBe('0.5–10 keV');
    expect(spectralQuantity(1e3 * EV)).toBe('energy');
  });
  it('reads gamma rays in GeV', () => {
    expect(formatSpectralRange(20e9 * EV, 300e9 * EV)).toBe('20–300 GeV');
  });
  it('gives each end its own unit across bands (radio to optical)', () => {
    expect(formatSpectralRange(129e6 * H, (H * C) / 475e-9)).toBe(
      '129 MHz – 475 nm'
    );
  });
  it('prints one value for a line', () => {
    expect(formatSpectralRange(1420.405751e6 * H, 1420.405751e6 * H)).toBe(
      '1.42 GHz'
    );
  });
  it('keeps joules for values that are not photon energies', () => {
    expect(formatSpectralRange(0, 1e-20)).toBe('0–1e-20 J');
  });
});

describe('sky positions', () => {
  it('M31 in sexagesimal and degrees', () => {
    // 10.684708 deg / 15 = 0.7123139 h = 0 h 42 m 44.33 s; 41.26875 deg = 41° 16' 07.5"
    expect(formatRaHms(10.684708)).toBe('00:42:44.33');
    expect(formatDecDms(41.26875)).toBe('+41:16:07.5');
    expect(formatDegrees(10.684708, 41.26875)).toBe('10.68471 +41.26875');
    expect(formatPosition(10.684708, 41.26875)).toBe(
      '00:42:44.33 +41:16:07.5 (10.68471 +41.26875)'
    );
  });
  it('negative declinations keep the sign below one degree', () => {
    expect(formatDecDms(-0.5)).toBe('-00:30:00.0');
    expect(formatDegrees(0, -0.5)).toBe('0.00000 -0.50000');
  });
  it('rounding carries into minutes and hours, RA wraps at 24 h', () => {
    // 59.999 s rounds to 60.00 s: printed as the next minute, never "60.00".
    expect(formatRaHms(((59 * 60 + 59.999) / 3600) * 15)).toBe('01:00:00.00');
    expect(formatRaHms(359.99999999)).toBe('00:00:00.00');
    expect(formatRaHms(-15)).toBe('23:00:00.00');
    expect(formatDecDms(-89.99999999)).toBe('-90:00:00.0');
  });
});

describe('float cells', () => {
  const meta = (entries: Record<string, string>) =>
    new Map(Object.entries(entries));
  it('uses VOTable precision as decimals (F or bare digits)', () => {
    expect(columnNumberFormat(meta({ precision: '3' }), false)).toEqual({
      decimals: 3
    });
    expect(
      formatNumber(
        1.23456789,
        columnNumberFormat(meta({ precision: 'F2' }), false)
      )
    ).toBe('1.23');
    expect(
      formatNumber(2, columnNumberFormat(meta({ precision: 'F2' }), false))
    ).toBe('2.00');
  });
  it('uses E precision as significant digits', () => {
    expect(
      formatNumber(
        0.000123456,
        columnNumberFormat(meta({ precision: 'E3' }), false)
      )
    ).toBe('0.000123');
  });
  it('uses width when no precision is given', () => {
    expect(
      formatNumber(123.456789, columnNumberFormat(meta({ width: '7' }), false))
    ).toBe('123.46');
  });
  it('shows positions and epochs to 1e-6 without precision', () => {
    const ra = columnNumberFormat(meta({ ucd: 'pos.eq.ra;meta.main' }), false);
    expect(formatNumber(10.684708333333333, ra)).toBe('10.684708');
    const mjd = columnNumberFormat(meta({ ucd: 'time.epoch' }), false);
    expect(formatNumber(60123.1234567891, mjd)).toBe('60123.123457');
  });
  it('other doubles to 8 significant digits, floats to 7', () => {
    expect(
      formatNumber(0.012345678912345, columnNumberFormat(meta({}), false))
    ).toBe('0.012345679');
    expect(
      formatNumber(1.2000000476837158, columnNumberFormat(meta({}), true))
    ).toBe('1.2');
  });
  it('prints float32 values as stored, also when widened to doubles', () => {
    // DaCHS mag columns are VOTable "float": 21.971 arrives as 21.97100067138672
    const float = columnNumberFormat(meta({ datatype: 'float' }), false);
    expect(formatNumber(21.97100067138672, float)).toBe('21.971');
    expect(formatNumber(Math.fround(22.57), float)).toBe('22.57');
    expect(formatNumber(Math.fround(0.1234567), float)).toBe('0.1234567');
    expect(
      formatNumber(Math.fround(21.971), columnNumberFormat(meta({}), true))
    ).toBe('21.971');
    // a double column keeps its 8 digits
    expect(
      formatNumber(21.97100067138672, columnNumberFormat(meta({}), false))
    ).toBe('21.971001');
  });
  it('keeps tiny values readable under a fixed precision', () => {
    expect(
      formatNumber(1.5e-9, columnNumberFormat(meta({ precision: '3' }), false))
    ).toBe('1.50e-9');
  });
});

describe('decimal alignment', () => {
  it('counts the digits after the point of plain decimals only', () => {
    expect(fractionDigits('21.33')).toBe(2);
    expect(fractionDigits('-0.5')).toBe(1);
    expect(fractionDigits('22')).toBe(0);
    expect(fractionDigits('1.5e-9')).toBeNull();
    expect(fractionDigits('NaN')).toBeNull();
    expect(fractionDigits('')).toBeNull();
  });
  it('pads the fraction with spaces, a whole number also for its point', () => {
    expect(alignOnPoint('21.33', 3)).toBe('21.33 ');
    expect(alignOnPoint('21.178', 3)).toBe('21.178');
    expect(alignOnPoint('22', 3)).toBe('22    ');
    expect(alignOnPoint('1.5e-9', 3)).toBe('1.5e-9');
    expect(alignOnPoint('21.12345', 3)).toBe('21.12345');
  });
  it('lines a float32 column up on the point in the grid', () => {
    const table = tableFromArrays({
      mag: Float32Array.from([21.33, 21.178, 22, 19.5]),
      name: ['a', 'b', 'c', 'd']
    });
    const model = new ArrowModel(table);
    const cells = [0, 1, 2, 3].map(r => String(model.data('body', r, 0)));
    expect(cells).toEqual(['21.33 ', '21.178', '22    ', '19.5  ']);
    // Every cell the same length: right-aligned in a monospace font, the points share a column.
    expect(new Set(cells.map(c => c.length)).size).toBe(1);
    expect(model.data('body', 0, 1)).toBe('a');
  });
});
