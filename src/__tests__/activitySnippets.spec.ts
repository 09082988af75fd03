import { reattachSnippet } from '../activity/snippets';
import { uwsLevel } from '../activity/tap';
import { stateLevel } from '../components/jobState';

describe('reattachSnippet', () => {
  it('attaches by kind and id and waits', () => {
    const code = reattachSnippet('datalake-stage', 'ab12', 'download of x:y');
    expect(code).toBe(
      'from jupyter_escape import activity\n\n' +
        'job = activity.attach("datalake-stage", "ab12")  # download of x:y\n' +
        'ended = job.wait(timeout=600)  # follows the state the Jupyter server saves\n' +
        'ended["state"], ended.get("error") or ended.get("message")\n'
    );
  });
  it('fetches the rows of a TAP job', () => {
    const code = reattachSnippet('tap', 'f00d');
    expect(code).toContain('job = activity.attach("tap", "f00d")\n');
    expect(code).toContain(
      'table = job.fetch() if job.info.phase == "COMPLETED"'
    );
  });
  it('keeps a hostile id a string and a description on its comment line', () => {
    const code = reattachSnippet(
      'tap',
      'x"); import os; ("',
      'line\nos.system("x")'
    );
    expect(code).toContain('activity.attach("tap", "x\\"); import os; (\\"")');
    expect(code.split('\n')[2]).toContain('# line os.system("x")');
    expect(code.split('\n')).toHaveLength(7);
  });
});

describe('state levels', () => {
  it('colours data-lake, Rucio and UWS words', () => {
    expect(['done', 'OK', 'COMPLETED', 'succeeded'].map(stateLevel)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok'
    ]);
    expect(['failed', 'STUCK', 'ERROR'].map(stateLevel)).toEqual([
      'error',
      'error',
      'error'
    ]);
    expect(['interrupted', 'ABORTED', 'cancelled'].map(stateLevel)).toEqual([
      'warn',
      'warn',
      'warn'
    ]);
    expect(stateLevel('EXECUTING')).toBe('running');
  });
  it('reads a suspended UWS job as waiting, not failed', () => {
    expect(uwsLevel('SUSPENDED')).toBe('warn');
    expect(stateLevel('SUSPENDED')).toBe('error');
  });
});
