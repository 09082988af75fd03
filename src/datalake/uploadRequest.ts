/**
 * The upload form's fields and what they become: the request the server takes (trimmed, typed metadata,
 * lifetime in seconds), and the RSEs offered (writable ones, those a plain account may use first). Pure.
 */
import { IRSE, IUploadRequest, typedValue, userWritable } from './api';

export interface IMetaRow {
  key: string;
  value: string;
}

export interface IUploadFields {
  instance: string;
  path: string;
  rse: string;
  scope: string;
  name: string;
  dataset: string;
  meta: IMetaRow[];
  lifetimeDays: string;
}

/** What the form sends: trimmed fields, typed metadata, the lifetime in seconds (none when empty or <= 0). */
export function uploadRequest(f: IUploadFields): IUploadRequest {
  const metadata: Record<string, string | number | boolean> = {};
  for (const row of f.meta) {
    if (row.key.trim()) {
      metadata[row.key.trim()] = typedValue(row.value);
    }
  }
  const request: IUploadRequest = {
    instance: f.instance,
    path: f.path.trim(),
    rse: f.rse,
    scope: f.scope,
    name: f.name.trim() || undefined,
    dataset: f.dataset.trim() || undefined,
    metadata
  };
  const days = parseFloat(f.lifetimeDays);
  if (f.lifetimeDays.trim() && days > 0) {
    request.lifetime = Math.round(days * 86400);
  }
  return request;
}

/** Writable RSEs, the ones a plain account may use first. */
export function writable(rses: IRSE[]): IRSE[] {
  return rses
    .filter(x => x.availability_write !== false)
    .sort(
      (a, b) =>
        Number(userWritable(b.rse)) - Number(userWritable(a.rse)) ||
        a.rse.localeCompare(b.rse)
    );
}
