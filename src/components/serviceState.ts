import { IServiceStatus } from '../tokens';

/** How a service row looks at a glance. */
export type Health = 'ok' | 'warn' | 'error';

/**
 * One service's overall health.
 *
 * Unreachable or failed authentication is an error; reachable with missing or expired credentials is a
 * warning (public parts still work, private ones do not); everything else is fine.
 */
export function serviceHealth(service: IServiceStatus): Health {
  if (!service.reachable || service.auth === 'failed') {
    return 'error';
  }
  if (service.auth === 'missing' || service.auth === 'expired') {
    return 'warn';
  }
  return 'ok';
}

/** Latency for display: "<1 ms", "87 ms", "1.3 s"; empty when unknown. */
export function formatLatency(ms: number | null): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return '';
  }
  if (ms < 1) {
    return '<1 ms';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Counts for the live summary. */
export function summarize(services: IServiceStatus[]): {
  total: number;
  ok: number;
  warn: number;
  error: number;
} {
  const counts = { total: services.length, ok: 0, warn: 0, error: 0 };
  for (const service of services) {
    counts[serviceHealth(service)] += 1;
  }
  return counts;
}
