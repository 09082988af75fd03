/**
 * Where a catalogue is on the sky: the centre (mean of the unit vectors, so RA wrapping at 0/360 is no
 * problem) and a field of view holding every source. Used to recentre and zoom on a new layer.
 */

import { coordinate } from './rows';

export interface IExtent {
  ra: number;
  dec: number;
  /** Field of view in degrees that shows every source (with a margin), between 1 arcmin and 180 degrees. */
  fov: number;
}

const RAD = Math.PI / 180;
/** Rows looked at, at most (evenly spread): enough for the extent, cheap for a million rows. */
const SAMPLE = 50_000;

export function catalogueExtent(
  ra: ArrayLike<unknown>,
  dec: ArrayLike<unknown>
): IExtent | null {
  const n = Math.min(ra.length, dec.length);
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const points: [number, number, number][] = [];
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let i = 0; i < n; i += step) {
    const a = coordinate(ra[i]) * RAD;
    const d = coordinate(dec[i]) * RAD;
    if (!Number.isFinite(a) || !Number.isFinite(d)) {
      continue;
    }
    const p: [number, number, number] = [
      Math.cos(d) * Math.cos(a),
      Math.cos(d) * Math.sin(a),
      Math.sin(d)
    ];
    points.push(p);
    sx += p[0];
    sy += p[1];
    sz += p[2];
  }
  const norm = Math.hypot(sx, sy, sz);
  if (!points.length || norm < 1e-9 * points.length) {
    // nothing, or sources all round the sphere: show the whole sky
    return points.length ? { ra: 0, dec: 0, fov: 180 } : null;
  }
  const c = [sx / norm, sy / norm, sz / norm];
  let minDot = 1;
  for (const p of points) {
    minDot = Math.min(minDot, p[0] * c[0] + p[1] * c[1] + p[2] * c[2]);
  }
  const radius = Math.acos(Math.max(-1, Math.min(1, minDot))) / RAD;
  const centreRa = (Math.atan2(c[1], c[0]) / RAD + 360) % 360;
  const centreDec = Math.asin(Math.max(-1, Math.min(1, c[2]))) / RAD;
  const fov = Math.min(180, Math.max(1 / 60, radius * 2.4));
  return { ra: centreRa, dec: centreDec, fov };
}
