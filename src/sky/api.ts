/** Typed calls to the sky routes of the server extension. */
import { requestAPI, apiURL } from '../handler';

export interface ILocalHiPS {
  id: string;
  title: string;
  frame: string;
  max_order: number;
  formats: string[];
  initial_ra: number | null;
  initial_dec: number | null;
  initial_fov: number | null;
}

export interface IFileKind {
  path: string;
  kind: 'image' | 'healpix-map' | 'moc' | 'hips' | 'table';
  message: string;
}

export interface IMocReply {
  path: string;
  kind: string;
  moc: Record<string, number[]>;
  sky_fraction: number;
  area_sq_deg: number;
  max_order: number;
  credible_level?: number;
}

/** A name found in the server's packaged offline catalogue (jupyter_escape/sky/names.py). */
export interface IResolvedName {
  query: string;
  name: string;
  ra: number;
  dec: number;
  type: string;
  source: string;
}

export function resolveOffline(name: string): Promise<IResolvedName> {
  return requestAPI('sky/resolve', { params: { name } });
}

export function listLocalHiPS(): Promise<{ surveys: ILocalHiPS[] }> {
  return requestAPI('sky/hips');
}

export function inspectFile(path: string): Promise<IFileKind> {
  return requestAPI('sky/inspect', { params: { path } });
}

export function fetchMOC(
  path: string,
  credibleLevel?: number
): Promise<IMocReply> {
  const params: Record<string, string> = { path };
  if (credibleLevel !== undefined) {
    params.credible_level = String(credibleLevel);
  }
  return requestAPI('sky/moc', { params });
}

/** Absolute URL Aladin Lite loads a local HiPS from: no trailing slash (Aladin appends "/Norder..."). */
export function localHiPSURL(id: string): string {
  return absolute(apiURL(`sky/hips/${encodeURIComponent(id)}`));
}

export function fileURL(path: string): string {
  return absolute(apiURL('sky/file')) + `?path=${encodeURIComponent(path)}`;
}

function absolute(url: string): string {
  return new URL(url, window.location.href).href.replace(/\/+$/, '');
}

/**
 * The columns of a table a kernel spooled (`sky.show_table` past its inline limit), from `sky/tables/<token>`.
 * Numbers come as typed arrays (64-bit integers as Float64Array: exact up to 2^53); a column with nulls as an
 * array holding null.
 */
export async function fetchSpooledTable(
  token: string
): Promise<Record<string, ArrayLike<unknown>>> {
  // Loaded on first use: fetchArrow brings apache-arrow, which stays out of the eager bundle. The decoder's
  // chunk is asked for now, so it arrives while the table downloads rather than after.
  void import('apache-arrow').catch(() => undefined);
  const { requestArrow } = await import('../grid/fetchArrow');
  const { table } = await requestArrow(
    `sky/tables/${encodeURIComponent(token)}`
  );
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    let values: ArrayLike<unknown> = vector.toArray();
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      // A typed column still (8 bytes a row), not a JS array of a million numbers.
      values = Float64Array.from(values, Number);
    }
    if (vector.nullCount > 0) {
      const withNulls = Array.from(values);
      for (let i = 0; i < vector.length; i++) {
        if (!vector.isValid(i)) {
          withNulls[i] = null;
        }
      }
      values = withNulls;
    }
    columns[field.name] = values;
  }
  return columns;
}
