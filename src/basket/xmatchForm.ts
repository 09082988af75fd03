/** The cross-match form's values and the request they make (pure: tested in __tests__/basket.spec.ts). */
import type { IXMatchRequest, XMatchRef } from './api';

/** The choice "a file" in the table selects. */
export const FILE = '__file__';
export const FORMATS = ['parquet', 'fits', 'csv', 'ecsv', 'votable'];
export const SUFFIX: Record<string, string> = {
  parquet: 'parquet',
  fits: 'fits',
  csv: 'csv',
  ecsv: 'ecsv',
  votable: 'vot'
};

export interface IForm {
  left: string;
  leftPath: string;
  right: string;
  rightPath: string;
  radius: string;
  find: 'best' | 'mutual' | 'all';
  join: 'inner' | 'left';
  /** auto: in memory when the inputs fit, LSDB on a Dask cluster otherwise (the server says which, and why). */
  engine?: 'auto' | 'memory' | 'dask';
  table: string;
  saveFile: boolean;
  format: string;
  path: string;
}

/** The request of a form, or a message naming the field at fault. */
export function formRequest(form: IForm): IXMatchRequest | string {
  const ref = (
    value: string,
    path: string,
    side: string
  ): XMatchRef | string => {
    if (value === FILE) {
      return path.trim()
        ? { path: path.trim() }
        : `${side}: give the file's path (relative to the server root)`;
    }
    return value || `${side}: choose a table`;
  };
  const left = ref(form.left, form.leftPath, 'left');
  const right = ref(form.right, form.rightPath, 'right');
  const radius = Number(form.radius);
  const problems: string[] = [];
  if (typeof left === 'string' && left.startsWith('left:')) {
    problems.push(left);
  }
  if (typeof right === 'string' && right.startsWith('right:')) {
    problems.push(right);
  }
  if (!Number.isFinite(radius) || radius <= 0) {
    problems.push('radius: a positive number of arcseconds');
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(form.table)) {
    problems.push('table: letters, digits and _ (not starting with a digit)');
  }
  if (form.saveFile && !form.path.trim()) {
    problems.push('file: give a path for the result file');
  }
  if (problems.length) {
    return problems.join('\n');
  }
  return {
    left: left as XMatchRef,
    right: right as XMatchRef,
    radius_arcsec: radius,
    find: form.find,
    join: form.join,
    ...(form.engine && form.engine !== 'auto' ? { engine: form.engine } : {}),
    table: form.table,
    ...(form.saveFile ? { path: form.path.trim() } : {})
  };
}
