import {
  formatLatency,
  serviceHealth,
  summarize
} from '../components/serviceState';
import { IServiceStatus } from '../tokens';

function service(overrides: Partial<IServiceStatus>): IServiceStatus {
  return {
    id: 'registry',
    kind: 'registry',
    name: 'VO registry',
    url: 'http://127.0.0.1:8090/tap',
    reachable: true,
    auth: 'none',
    auth_detail: null,
    latency_ms: 12.5,
    error: null,
    detail: null,
    ...overrides
  };
}

describe('serviceHealth', () => {
  it('is an error when the service cannot be reached, whatever the auth state', () => {
    expect(serviceHealth(service({ reachable: false }))).toBe('error');
    expect(serviceHealth(service({ reachable: false, auth: 'ok' }))).toBe(
      'error'
    );
  });

  it('is an error when authentication failed', () => {
    expect(serviceHealth(service({ auth: 'failed' }))).toBe('error');
  });

  it('is a warning when credentials are missing or expired', () => {
    expect(serviceHealth(service({ auth: 'missing' }))).toBe('warn');
    expect(serviceHealth(service({ auth: 'expired' }))).toBe('warn');
  });

  it('is fine when reachable without or with valid authentication', () => {
    for (const auth of ['none', 'ok', 'n/a'] as const) {
      expect(serviceHealth(service({ auth }))).toBe('ok');
    }
  });
});

describe('formatLatency', () => {
  it('formats milliseconds and seconds', () => {
    expect(formatLatency(0.4)).toBe('<1 ms');
    expect(formatLatency(87.4)).toBe('87 ms');
    expect(formatLatency(1340)).toBe('1.3 s');
  });

  it('is empty when unknown', () => {
    expect(formatLatency(null)).toBe('');
    expect(formatLatency(Number.NaN)).toBe('');
  });
});

describe('summarize', () => {
  it('counts every state', () => {
    const counts = summarize([
      service({}),
      service({ id: 'a', auth: 'expired' }),
      service({ id: 'b', reachable: false }),
      service({ id: 'c', auth: 'failed' })
    ]);
    expect(counts).toEqual({ total: 4, ok: 1, warn: 1, error: 2 });
  });
});
