import { isStale } from '../common/freshness';
import { jobFingerprint } from '../datalake/api';

describe('job freshness', () => {
  const confirmed = {
    checked_at: 1,
    unreachable_since: null,
    service: null,
    last_known_state: 'running',
    message: null
  };
  const down = {
    ...confirmed,
    unreachable_since: 5,
    service: 'Rucio',
    message: 'cannot reach Rucio since …'
  };

  it('is stale only while the service cannot be reached', () => {
    expect(isStale(undefined)).toBe(false);
    expect(isStale(confirmed)).toBe(false);
    expect(isStale(down)).toBe(true);
  });

  it('re-renders a job row when its freshness or leftovers change', () => {
    const job = { state: 'running', bytes_done: 10 };
    const a = jobFingerprint({ ...job, freshness: confirmed });
    expect(jobFingerprint({ ...job, freshness: down })).not.toEqual(a);
    expect(
      jobFingerprint({ ...job, freshness: confirmed, leftovers: [{}] })
    ).not.toEqual(a);
  });
});
