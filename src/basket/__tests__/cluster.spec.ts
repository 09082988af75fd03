/** The cluster form's request and the show-me-the-code of the cluster controls and of a job on a cluster. */
import { clusterRequest, IClusterForm } from '../clusterForm';
import {
  clusterCall,
  clusterCrossmatchSnippet,
  clusterSnippet
} from '../clusterSnippets';

const form = (over: Partial<IClusterForm>): IClusterForm => ({
  kind: 'local',
  address: '',
  gateway: '',
  workers: '',
  clusterName: '',
  ...over
});

describe('clusterRequest', () => {
  it('names the field at fault', () => {
    expect(clusterRequest(form({ workers: '0' }))).toMatch(/^workers:/);
    expect(clusterRequest(form({ kind: 'address' }))).toMatch(/^address:/);
    expect(
      clusterRequest(form({ kind: 'gateway', gateway: 'tcp://x:8786' }))
    ).toMatch(/^gateway:/);
  });

  it('sends only what the kind uses', () => {
    expect(clusterRequest(form({ workers: '2', address: 'tcp://a' }))).toEqual({
      kind: 'local',
      n_workers: 2
    });
    expect(
      clusterRequest(
        form({
          kind: 'gateway',
          gateway: 'http://127.0.0.1:8099',
          clusterName: 'abc'
        })
      )
    ).toEqual({
      kind: 'gateway',
      gateway: 'http://127.0.0.1:8099',
      cluster_name: 'abc'
    });
  });
});

describe('cluster snippets', () => {
  it('starts the cluster the form describes', () => {
    expect(clusterCall(form({ workers: '1' }), null)).toBe(
      'scale.cluster(kind="local", n_workers=1)'
    );
    expect(
      clusterCall(form({ kind: 'address', address: 'tcp://h:8786' }), null)
    ).toBe('scale.cluster("tcp://h:8786")');
    expect(
      clusterCall(
        form({ kind: 'gateway', gateway: 'http://g:8099', workers: '2' }),
        null
      )
    ).toBe('scale.cluster(gateway="http://g:8099", n_workers=2)');
  });

  it("attaches the notebook to the panel's gateway cluster by name", () => {
    const current = {
      kind: 'gateway' as const,
      name: 'abc123',
      dashboard_link: 'http://g:8099/clusters/abc123/status',
      workers: 2,
      memory_limit_per_worker: null
    };
    const code = clusterSnippet(
      form({ kind: 'gateway', gateway: 'http://g:8099' }),
      current
    );
    expect(code).toContain(
      'cluster = scale.cluster(gateway="http://g:8099", cluster_name="abc123")'
    );
    expect(code).toContain('# cluster.shutdown()');
  });

  it('keeps hostile text a value', () => {
    const code = clusterSnippet(
      form({ kind: 'address', address: 'tcp://x"\nimport os' }),
      null
    );
    expect(code).toContain('scale.cluster("tcp://x\\"\\nimport os")');
    expect(code.split('\n')).toHaveLength(5);
  });

  it('runs a cross-match as a job with progress and cancel', () => {
    const code = clusterCrossmatchSnippet(
      {
        left: 'item1',
        right: { path: 'data/b.parquet' },
        radius_arcsec: 1.5,
        find: 'best',
        engine: 'dask',
        table: 'ab'
      },
      form({ workers: '2' }),
      null
    );
    expect(code).toContain('from pathlib import Path');
    expect(code).toContain(
      'cluster = scale.cluster(kind="local", n_workers=2)'
    );
    expect(code).toContain('    Path("data/b.parquet"),');
    expect(code).toContain('    cluster=cluster,');
    expect(code).toContain('    wait=False,');
    expect(code).toContain('job.progress()');
    expect(code).toContain('# job.cancel()');
  });
});
