import { EscapeAPIError } from '../handler';
import {
  describeOSSRError,
  errorKind,
  retryAfterSeconds
} from '../ossr/errors';

describe('OSSR errors', () => {
  it('reads the wait of a rate limit from the server message', () => {
    expect(
      retryAfterSeconds(
        'rate limited (HTTP 429) after 1 attempt(s); the repository asks to retry in 120 s'
      )
    ).toBe(120);
    expect(retryAfterSeconds('retry in 2.5 s')).toBe(3);
    expect(retryAfterSeconds('HTTP 404: PID does not exist.')).toBeNull();
  });

  it('names the kind of failure from the status', () => {
    expect(errorKind(0)).toBe('server-unreachable');
    expect(errorKind(401)).toBe('no-token');
    expect(errorKind(429)).toBe('rate-limited');
    expect(errorKind(502)).toBe('remote-failed');
    expect(errorKind(504)).toBe('timeout');
  });

  it('keeps the message verbatim and the service named', () => {
    const view = describeOSSRError(
      new EscapeAPIError({
        message:
          'rate limited (HTTP 429) after 4 attempt(s); the repository asks to retry in 12 s',
        status: 429,
        service: 'OSSR (Zenodo community escape2020)',
        url: '/escape/api/ossr/search'
      })
    );
    expect(view).toEqual({
      message:
        'rate limited (HTTP 429) after 4 attempt(s); the repository asks to retry in 12 s',
      service: 'OSSR (Zenodo community escape2020)',
      status: 429,
      kind: 'rate-limited',
      retryAfter: 12
    });
    expect(describeOSSRError(new Error('boom')).message).toBe('boom');
  });
});
