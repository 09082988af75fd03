/**
 * One vocabulary for job states (jobWord), the polled value the job models share (Polled), and Activity's
 * source registry and ordering.
 */
import { ActivityModel, askSources } from '../activity/model';
import {
  IActivityJob,
  IActivitySource,
  kindLabel,
  registerActivitySource
} from '../activity/registry';
import { Polled } from '../common/polled';
import { jobWord, wordLevel } from '../components/jobState';
import type { TranslationBundle } from '@jupyterlab/translation';

const trans = {
  __: (s: string, ...args: unknown[]) =>
    args.reduce<string>((t, a, i) => t.replace(`%${i + 1}`, String(a)), s),
  _n: (s: string) => s
} as unknown as TranslationBundle;

describe('jobWord', () => {
  it('says UWS phases, pip and the data lake in one vocabulary', () => {
    expect(
      ['PENDING', 'QUEUED', 'EXECUTING', 'COMPLETED', 'ERROR', 'ABORTED'].map(
        s => jobWord(s)
      )
    ).toEqual(['queued', 'queued', 'running', 'done', 'failed', 'cancelled']);
    expect(['HELD', 'SUSPENDED', 'UNKNOWN'].map(s => jobWord(s))).toEqual([
      'waiting',
      'waiting',
      'unknown'
    ]);
    expect(
      ['starting', 'succeeded', 'interrupted', 'done'].map(s => jobWord(s))
    ).toEqual(['running', 'done', 'interrupted', 'done']);
  });
  it('reads a word no pillar uses by its level', () => {
    expect(jobWord('uploading', 'running')).toBe('running');
    expect(jobWord('installed', 'ok')).toBe('done');
  });
  it('colours each word as its level', () => {
    expect(
      (['done', 'failed', 'cancelled', 'queued'] as const).map(wordLevel)
    ).toEqual(['ok', 'error', 'warn', 'running']);
  });
});

describe('Polled', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const flush = async () => {
    for (let i = 0; i < 5; i++) {
      await Promise.resolve();
    }
  };

  it('keeps the value and the failure, and stops when nothing moves', async () => {
    let answer: Promise<number> = Promise.resolve(1);
    const fetch = jest.fn(() => answer);
    const polled = new Polled<number>({
      min: 100,
      max: 100,
      fetch,
      fingerprint: String,
      more: n => n < 3
    });
    const seen: (number | null)[] = [];
    polled.changed.connect(() => seen.push(polled.value));
    expect(polled.value).toBeNull();
    polled.setOnScreen(true);
    jest.advanceTimersByTime(0);
    await flush();
    expect(polled.value).toBe(1);
    answer = Promise.reject(new Error('502'));
    jest.advanceTimersByTime(100);
    await flush();
    expect((polled.error as Error).message).toBe('502');
    expect(polled.value).toBe(1);
    answer = Promise.resolve(3);
    jest.advanceTimersByTime(100);
    await flush();
    expect([polled.value, polled.error]).toEqual([3, null]);
    jest.advanceTimersByTime(1000);
    await flush();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(seen).toEqual([1, 1, 3]);
    polled.dispose();
  });
});

describe('Activity sources', () => {
  const job = (
    id: string,
    active: boolean,
    startedAt: number
  ): IActivityJob => ({
    id,
    kind: 'test-kind',
    view: { id, state: active ? 'running' : 'done', active },
    title: id,
    where: 'here',
    startedAt
  });
  const working: IActivitySource = {
    name: 'test-working',
    label: () => 'Working',
    kinds: { 'test-kind': () => 'Test kind' },
    list: async () => [
      job('a', false, 3),
      job('b', true, 1),
      job('c', false, 5)
    ]
  };
  const broken: IActivitySource = {
    name: 'test-broken',
    label: () => 'Broken',
    kinds: {},
    list: async () => {
      throw new Error('route failed');
    }
  };

  it('lists running jobs first, then the newest, and keeps each failure apart', async () => {
    const snapshot = await askSources(
      [working, broken],
      new AbortController().signal,
      trans
    );
    expect(snapshot.jobs.map(j => j.id)).toEqual(['b', 'c', 'a']);
    expect(snapshot.errors.map(([s]) => s.name)).toEqual(['test-broken']);
  });

  it('names registered kinds until the source is removed', () => {
    const remove = registerActivitySource(working);
    expect(kindLabel('test-kind', trans)).toBe('Test kind');
    remove();
    expect(kindLabel('test-kind', trans)).toBe('test-kind');
  });

  it('filters by kind and by running, in the model', () => {
    const model = new ActivityModel(trans, () => []);
    expect(model.shown).toBeNull();
    model.replace({
      jobs: [job('b', true, 1), { ...job('r', false, 2), kind: 'rule' }],
      errors: []
    });
    expect([model.running, model.kinds]).toEqual([1, ['test-kind', 'rule']]);
    model.setKind('rule');
    expect(model.shown?.map(j => j.id)).toEqual(['r']);
    model.setRunningOnly(true);
    expect(model.shown).toEqual([]);
    model.setKind('');
    expect(model.shown?.map(j => j.id)).toEqual(['b']);
    model.dispose();
  });
});
