/**
 * Pure logic of the data lake frontend: polling backoff and lifecycle, DID splitting, DID types filled in from one-type searches, typed metadata values, job fingerprints.
 */
import { jobFingerprint, splitDID, typedValue, userWritable } from '../api';
import { Backoff, Poller } from '../../common/poller';

describe('Backoff', () => {
  it('grows while nothing changes, up to the maximum, and resets on change', () => {
    const b = new Backoff({ min: 1000, max: 5000, factor: 2 });
    expect([
      b.next(false),
      b.next(false),
      b.next(false),
      b.next(false)
    ]).toEqual([1000, 2000, 4000, 5000]);
    expect(b.next(false)).toBe(5000);
    expect(b.next(true)).toBe(1000);
    expect(b.next(false)).toBe(2000);
  });
});

describe('Poller', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const flush = async () => {
    // let the awaited poll promise settle
    for (let i = 0; i < 5; i++) {
      await Promise.resolve();
    }
  };

  it('polls while started, stops when nothing is left to follow, wakes on demand', async () => {
    let more = true;
    const poll = jest.fn(async () => ({ changed: false, more }));
    const poller = new Poller({ min: 100, max: 400, factor: 2, poll });
    poller.start();
    jest.advanceTimersByTime(0);
    await flush();
    expect(poll).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(100);
    await flush();
    expect(poll).toHaveBeenCalledTimes(2);
    // backoff: the next one comes 200 ms later, not 100
    jest.advanceTimersByTime(100);
    await flush();
    expect(poll).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(100);
    await flush();
    expect(poll).toHaveBeenCalledTimes(3);
    // the job finished: no more polls at all
    more = false;
    jest.advanceTimersByTime(400);
    await flush();
    expect(poll).toHaveBeenCalledTimes(4);
    jest.advanceTimersByTime(10000);
    await flush();
    expect(poll).toHaveBeenCalledTimes(4);
    // the user resumed it
    more = true;
    poller.wake();
    jest.advanceTimersByTime(0);
    await flush();
    expect(poll).toHaveBeenCalledTimes(5);
    poller.dispose();
  });

  it('does not poll when stopped (view hidden) and aborts the request in flight', async () => {
    let signal: AbortSignal | null = null;
    const poll = jest.fn(
      (s: AbortSignal) =>
        new Promise<{ changed: boolean; more: boolean }>(resolve => {
          signal = s;
          setTimeout(() => resolve({ changed: true, more: true }), 50);
        })
    );
    const poller = new Poller({ min: 100, poll });
    poller.start();
    jest.advanceTimersByTime(0);
    await flush();
    expect(poll).toHaveBeenCalledTimes(1);
    poller.stop();
    expect(signal!.aborted).toBe(true);
    jest.advanceTimersByTime(5000);
    await flush();
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('keeps polling, more slowly, after a failed poll', async () => {
    const poll = jest.fn(async () => {
      throw new Error('HTTP 502');
    });
    const poller = new Poller({ min: 100, max: 1000, factor: 2, poll });
    poller.start();
    jest.advanceTimersByTime(0);
    await flush();
    jest.advanceTimersByTime(100);
    await flush();
    jest.advanceTimersByTime(200);
    await flush();
    expect(poll).toHaveBeenCalledTimes(3);
    poller.dispose();
  });
});

describe('DIDs', () => {
  it('splits DIDs at the first colon', () => {
    expect(splitDID('user.jdoe:a:b.fits')).toEqual(['user.jdoe', 'a:b.fits']);
    expect(splitDID('nocolon')).toEqual(['', 'nocolon']);
  });
});

describe('upload helpers', () => {
  it('types metadata values as Rucio compares them', () => {
    expect(typedValue('145')).toBe(145);
    expect(typedValue('-1.5e3')).toBe(-1500);
    expect(typedValue('true')).toBe(true);
    expect(typedValue(' LOFAR ')).toBe('LOFAR');
    expect(typedValue('2014-05-02')).toBe('2014-05-02');
  });

  it('lists the RSEs a user account may write to under the generic policy', () => {
    expect(userWritable('ESCAPE_USERDISK')).toBe(true);
    expect(userWritable('ESCAPE_SCRATCHDISK')).toBe(true);
    expect(userWritable('ESCAPE_POSIX')).toBe(false);
  });
});

describe('jobFingerprint', () => {
  it('changes with progress and log, not otherwise', () => {
    const a = { state: 'running', bytes_done: 10, files_done: 0, log: [1] };
    expect(jobFingerprint(a)).toBe(jobFingerprint({ ...a }));
    expect(jobFingerprint(a)).not.toBe(
      jobFingerprint({ ...a, bytes_done: 20 })
    );
    expect(jobFingerprint(a)).not.toBe(jobFingerprint({ ...a, log: [1, 2] }));
    expect(jobFingerprint(a)).not.toBe(jobFingerprint({ ...a, state: 'done' }));
  });
});
