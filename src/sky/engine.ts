/**
 * Aladin Lite, loaded on demand: `import('aladin-lite')` makes it a separate chunk, so none of its 2.4 MB is
 * in the JavaScript JupyterLab loads at start-up.
 */

import type { IAladinStatic } from 'aladin-lite';

let loading: Promise<IAladinStatic> | null = null;

/** True when the browser can create a WebGL2 context (Aladin Lite v3 needs it). */
export function hasWebGL2(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

/** The Aladin Lite `A` namespace, initialised (wasm compiled) once per page. */
export function loadAladin(): Promise<IAladinStatic> {
  if (!loading) {
    loading = import(/* webpackChunkName: "aladin-lite" */ 'aladin-lite')
      .then(async module => {
        const A = module.default;
        await A.init;
        return A;
      })
      .catch(reason => {
        loading = null;
        throw reason;
      });
  }
  return loading;
}

/** Parse "ra dec" in decimal degrees ("10.68 41.27", "10.68, +41.27"); null for anything else. */
export function parseDegrees(text: string): { ra: number; dec: number } | null {
  const match = text
    .trim()
    .match(/^([+-]?\d+(?:\.\d*)?)\s*[,\s]\s*([+-]?\d+(?:\.\d*)?)$/);
  if (!match) {
    return null;
  }
  const ra = parseFloat(match[1]);
  const dec = parseFloat(match[2]);
  if (ra < 0 || ra >= 360 || dec < -90 || dec > 90) {
    return null;
  }
  return { ra, dec };
}

/** True when the target text is a name (needs the name resolver) rather than coordinates. */
export function isObjectName(text: string): boolean {
  return /[a-zA-Z]/.test(
    text.replace(/^\s*[+-]?\d/, '').replace(/[hmsd:°'"]/g, '')
  );
}

export const PROJECTIONS = [
  'SIN',
  'TAN',
  'STG',
  'ZEA',
  'AIT',
  'MOL',
  'MER',
  'CAR'
];
export const FRAMES = ['ICRS', 'ICRSd', 'Galactic'];
