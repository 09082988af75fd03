/**
 * What every long-running job has in common, whichever pillar runs it: the normalised view a job row renders,
 * the colour of a state word, and the one vocabulary every job row shows its state in. Pure.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

/** How a state reads: finished well, failed, needs attention, still going. */
export type JobLevel = 'ok' | 'error' | 'warn' | 'running';

const OK = ['done', 'ok', 'available', 'completed', 'succeeded', 'finished'];
const ERROR = [
  'failed',
  'stuck',
  'suspended',
  'missing',
  'unavailable',
  'error',
  'unknown'
];
const WARN = [
  'interrupted',
  'cancelled',
  'canceled',
  'waiting_approval',
  'aborted',
  'held'
];

/**
 * The level of a state word, any case: data-lake states and rule/lock states ("done", "STUCK"), UWS phases
 * ("COMPLETED", "ABORTED"), OSSR and cross-match states. A pillar whose word means something else (a UWS
 * SUSPENDED job is waiting, a SUSPENDED rule is broken) passes its own level to the pill.
 */
export function stateLevel(state: string): JobLevel {
  const s = (state || '').toLowerCase();
  if (OK.includes(s)) {
    return 'ok';
  }
  if (ERROR.includes(s)) {
    return 'error';
  }
  if (WARN.includes(s)) {
    return 'warn';
  }
  return 'running';
}

/**
 * The words every job row and the Activity view show, whatever the service says: the data lake's own job
 * states, plus "waiting" (held by the service) and "unknown". The service's own word (a UWS phase,
 * "succeeded" from pip) stays in data-state and the pill's tooltip.
 */
export type JobWord =
  | 'queued'
  | 'running'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'interrupted'
  | 'waiting'
  | 'unknown';

const WORDS: Record<string, JobWord> = {
  // data lake, Zooniverse, OSSR installs, cross-matches
  queued: 'queued',
  pending: 'queued',
  starting: 'running',
  running: 'running',
  done: 'done',
  succeeded: 'done',
  failed: 'failed',
  error: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  interrupted: 'interrupted',
  // UWS phases (a SUSPENDED or HELD job waits for the service)
  executing: 'running',
  completed: 'done',
  archived: 'done',
  aborted: 'cancelled',
  held: 'waiting',
  suspended: 'waiting',
  unknown: 'unknown'
};

const BY_LEVEL: Record<JobLevel, JobWord> = {
  ok: 'done',
  error: 'failed',
  warn: 'waiting',
  running: 'running'
};

/** The shown word of a job state, any case; a word no pillar uses reads by its level. */
export function jobWord(state: string, level?: JobLevel): JobWord {
  return (
    WORDS[(state || '').toLowerCase()] ?? BY_LEVEL[level ?? stateLevel(state)]
  );
}

/** The colour of a shown word. */
export function wordLevel(word: JobWord): JobLevel {
  switch (word) {
    case 'done':
      return 'ok';
    case 'failed':
    case 'unknown':
      return 'error';
    case 'cancelled':
    case 'interrupted':
    case 'waiting':
      return 'warn';
    default:
      return 'running';
  }
}

/** The translated shown word (the words are translatable; data-word keeps the English one). */
export function wordLabel(word: JobWord, trans: TranslationBundle): string {
  return {
    queued: trans.__('queued'),
    running: trans.__('running'),
    done: trans.__('done'),
    failed: trans.__('failed'),
    cancelled: trans.__('cancelled'),
    interrupted: trans.__('interrupted'),
    waiting: trans.__('waiting'),
    unknown: trans.__('unknown')
  }[word];
}

/** One long-running job as a job row shows it. */
export interface IJobView {
  /** The pillar's own job id (what the routes and the notebook API take). */
  id: string;
  /** The state word as the pillar or its service says it ("running", "EXECUTING", "succeeded"). */
  state: string;
  /** The shown word; default jobWord(state, level). */
  word?: JobWord;
  /** Its colour; default that of the shown word. */
  level?: JobLevel;
  /** Who says `state`, in the pill's tooltip (default errorService). */
  stateSource?: string | null;
  /** The state was not confirmed by the last poll (shown as "state?"). */
  stale?: boolean;
  /** Still going: offers Cancel, and an unknown progress shows as an indeterminate bar. */
  active: boolean;
  /** 0..1; null: unknown (indeterminate while active); undefined: no bar at all. */
  progress?: number | null;
  /** Under the bar: "3 of 5 files · 1.2 MiB of 4.0 MiB". */
  progressText?: string;
  /** The job's own failure, as the remote said it. */
  error?: string | null;
  /** Who said it ("Rucio (local)"). */
  errorService?: string | null;
  /** Python that re-attaches to this job from a notebook cell (wait on it, read its state), when there is one. */
  reattach?: string | null;
}
