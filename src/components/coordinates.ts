/**
 * Sky positions as astronomers read them: sexagesimal (RA in hours, Dec in degrees) next to decimal degrees,
 * at a precision that means something (0.01 s of RA, 0.1" of Dec, 1e-5 degree ≈ 0.04") instead of the 13
 * decimals a float prints.
 */

function pad(value: number, width: number, decimals = 0): string {
  const text = value.toFixed(decimals);
  const whole = decimals > 0 ? width + 1 + decimals : width;
  return text.padStart(whole, '0');
}

/** Splits `value` (>= 0) into units, minutes and seconds rounded to `decimals`, carrying 60 s upwards. */
function sixty(value: number, decimals: number): [number, number, number] {
  const scale = 10 ** decimals;
  let totalSeconds = Math.round(value * 3600 * scale) / scale;
  const units = Math.floor(totalSeconds / 3600 + 1e-12);
  totalSeconds -= units * 3600;
  const minutes = Math.floor(totalSeconds / 60 + 1e-12);
  const seconds = Math.max(0, totalSeconds - minutes * 60);
  return [units, minutes, seconds];
}

/** Right ascension in degrees as "hh:mm:ss.ss" (0.01 s ≈ 0.15"). */
export function formatRaHms(raDeg: number): string {
  const wrapped = ((raDeg % 360) + 360) % 360;
  const [hours, m, s] = sixty(wrapped / 15, 2);
  const h = hours >= 24 ? hours - 24 : hours;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2, 2)}`;
}

/** Declination in degrees as "±dd:mm:ss.s" (0.1"). */
export function formatDecDms(decDeg: number): string {
  const sign = decDeg < 0 ? '-' : '+';
  const [d, m, s] = sixty(Math.abs(decDeg), 1);
  return `${sign}${pad(d, 2)}:${pad(m, 2)}:${pad(s, 2, 1)}`;
}

/** Decimal degrees at 1e-5 degree (≈ 0.04"), trailing zeros kept so columns align. */
export function formatDegrees(raDeg: number, decDeg: number): string {
  const dec = decDeg.toFixed(5);
  return `${raDeg.toFixed(5)} ${decDeg >= 0 ? '+' : ''}${dec}`;
}

/** "00:42:44.33 +41:16:07.5 (10.68471 +41.26875)": both forms, for labels and tooltips. */
export function formatPosition(raDeg: number, decDeg: number): string {
  return `${formatRaHms(raDeg)} ${formatDecDms(decDeg)} (${formatDegrees(raDeg, decDeg)})`;
}
