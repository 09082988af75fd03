/** Pure helpers on data-lake values: job activity and fingerprints, DID splitting, writable RSEs, typed metadata. */
import type { IFreshness } from '../common/freshness';
import { ACTIVE_STATES } from './jobTypes';

export function isActive(job: { state: string }): boolean {
  return (ACTIVE_STATES as string[]).includes(job.state);
}

/** 'scope:name' -> [scope, name] (the server validates; this only splits). */
export function splitDID(did: string): [string, string] {
  const at = did.indexOf(':');
  return at < 0 ? ['', did] : [did.slice(0, at), did.slice(at + 1)];
}

/**
 * RSEs a plain user account may upload to under Rucio's generic permission policy (names ending in USERDISK,
 * SCRATCHDISK or LOCALGROUPDISK; other RSEs need the admin attribute). Listed first in the upload form.
 */
export function userWritable(rse: string): boolean {
  return /(USERDISK|SCRATCHDISK|LOCALGROUPDISK|MOCK)$/.test(rse);
}

/** Metadata values as Rucio stores them: numbers and booleans typed, the rest strings. */
export function typedValue(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') {
    return t === 'true';
  }
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) {
    return Number(t);
  }
  return t;
}

/** A fingerprint of what a poll can change, to tell "moved" from "same as before" (drives the backoff). */
export function jobFingerprint(job: {
  state: string;
  bytes_done?: number;
  files_done?: number;
  log?: unknown[];
  rule?: { state?: string; locks?: { ok: number } };
  freshness?: IFreshness;
  leftovers?: unknown[];
}): string {
  return [
    job.state,
    job.bytes_done ?? 0,
    job.files_done ?? 0,
    job.log?.length ?? 0,
    job.rule?.state ?? '',
    job.rule?.locks?.ok ?? '',
    job.freshness?.unreachable_since ?? '',
    job.leftovers?.length ?? 0
  ].join('|');
}
