import { describeError, isAbort } from '../components/errors';
import { formatBytes } from '../components/format';
import { EscapeAPIError } from '../handler';

describe('formatBytes', () => {
  it('writes powers of 1024 with IEC names by default', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(15 * 1024)).toBe('15 KiB');
    expect(formatBytes(null)).toBe('–');
  });
  it('keeps the short names the VO and OSSR views show', () => {
    expect(formatBytes(3.4 * 1024, 'KB')).toBe('3.4 KB');
    expect(formatBytes(2 * 1024 ** 3, 'KB')).toBe('2.0 GB');
  });
});

describe('describeError', () => {
  it('names the service and keeps the message and status of a server error', () => {
    const view = describeError(
      new EscapeAPIError({
        message: 'rule quota exceeded',
        status: 409,
        service: 'Rucio',
        url: '/x'
      })
    );
    expect(view).toEqual({
      message: 'rule quota exceeded',
      service: 'Rucio',
      status: 409,
      aborted: false
    });
  });
  it('passes an already described error through, position included', () => {
    const described = {
      message: 'syntax error',
      service: 'DaCHS TAP',
      status: 400,
      position: { line: 1, column: 8 }
    };
    expect(describeError(described)).toBe(described);
  });
  it('marks our own aborts so they are not shown', () => {
    const abort = new DOMException('stop', 'AbortError');
    expect(describeError(abort).aborted).toBe(true);
    expect(isAbort(abort)).toBe(true);
    expect(describeError(new Error('boom'))).toEqual({
      message: 'boom',
      service: null,
      status: -1,
      aborted: false
    });
  });
});
