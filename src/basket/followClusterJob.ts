/**
 * Following a job on the cluster (a cross-match, a function run, a HATS write) until it ends: written once for
 * the panel's models, which keep the job and its error as their state.
 */

const POLL_MS = 700;
const FINISHED = ['done', 'error', 'cancelled'];

/** Whether a cluster job is still under way (null: there is none). */
export function clusterJobRunning(job: { state: string } | null): boolean {
  return job !== null && !FINISHED.includes(job.state);
}

/**
 * Start a job and poll it until it ends, calling `report` with the job (or null if it did not start) and the
 * error that stopped the start or a poll. The finished job, the last one read if a poll failed, or null.
 */
export async function followClusterJob<J extends { id: string; state: string }>(
  start: () => Promise<J>,
  fetch: (id: string) => Promise<J>,
  report: (job: J | null, error: unknown) => void
): Promise<J | null> {
  let job: J;
  try {
    job = await start();
  } catch (error) {
    report(null, error);
    return null;
  }
  report(job, null);
  while (clusterJobRunning(job)) {
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
    try {
      job = await fetch(job.id);
    } catch (error) {
      report(job, error);
      break;
    }
    report(job, null);
  }
  return job;
}
