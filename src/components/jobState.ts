/**
 * What every long-running job has in common, whichever pillar runs it: the normalised view a job row renders,
 * and the colour of a state word. Pure.
 */

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

/** One long-running job as a job row shows it. */
export interface IJobView {
  /** The pillar's own job id (what the routes and the notebook API take). */
  id: string;
  /** The state word as the pillar says it ("running", "EXECUTING", "interrupted"). */
  state: string;
  /** Its colour; default stateLevel(state). */
  level?: JobLevel;
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
