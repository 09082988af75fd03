/**
 * "Show me the code" of the cluster controls and of a cross-match job on a cluster (pure: tested in
 * __tests__/cluster.spec.ts). Every value goes through the shared literal builder (common/snippets.ts).
 */
import { py, pyComment, pyKwargs } from '../common/snippets';
import type {
  IClusterInfo,
  IHatsRequest,
  IJobRequest,
  IRunRequest
} from './clusterApi';
import { clusterRequest, IClusterForm } from './clusterForm';

/** The `scale.cluster(...)` call: attach to the panel's cluster when it can be shared, else the form's. */
export function clusterCall(
  form: IClusterForm,
  current: IClusterInfo | null
): string {
  if (current?.kind === 'gateway' && form.gateway) {
    // the notebook attaches to the very cluster the panel started on the gateway
    return `scale.cluster(${pyKwargs({ gateway: form.gateway, cluster_name: current.name }).join(', ')})`;
  }
  if (current?.kind === 'address' && current.scheduler) {
    return `scale.cluster(${py(current.scheduler)})`;
  }
  const body = clusterRequest(form);
  if (typeof body === 'string') {
    throw new Error(body);
  }
  const { kind, address, n_workers, ...rest } = body;
  const args: string[] = [];
  if (kind === 'address') {
    args.push(py(address));
  } else if (kind === 'local') {
    args.push('kind="local"');
  }
  args.push(...pyKwargs({ ...rest, ...(n_workers ? { n_workers } : {}) }));
  return `scale.cluster(${args.join(', ')})`;
}

/** Start (or attach to) the cluster, see it, stop it. */
export function clusterSnippet(
  form: IClusterForm,
  current: IClusterInfo | null
): string {
  return [
    'from jupyter_escape import scale',
    '',
    ...(current ? [pyComment(`the panel's cluster: ${current.name}`)] : []),
    `cluster = ${clusterCall(form, current)}`,
    'cluster.describe()  # kind, name, dashboard link, workers, memory per worker',
    '# cluster.shutdown()  # stop it (a gateway cluster is shut down by the gateway)'
  ].join('\n');
}

const refCode = (r: IJobRequest['left']) =>
  typeof r === 'string' ? py(r) : `Path(${py(r.path)})`;

const pathImport = (refs: IJobRequest['left'][]) =>
  refs.some(r => typeof r !== 'string') ? ['from pathlib import Path', ''] : [];

/** A cross-match running on the cluster: progress, cancel, the result into the workspace database. */
export function clusterCrossmatchSnippet(
  request: IJobRequest,
  form: IClusterForm,
  current: IClusterInfo | null
): string {
  return [
    ...pathImport([request.left, request.right]),
    'from jupyter_escape import scale',
    '',
    `cluster = ${clusterCall(form, current)}`,
    '# inputs: basket item ids (HATS catalogues too), workspace tables or files',
    'job = scale.crossmatch(',
    `    ${refCode(request.left)},`,
    `    ${refCode(request.right)},`,
    `    radius_arcsec=${py(request.radius_arcsec)},`,
    `    find=${py(request.find)},`,
    `    engine=${py(request.engine ?? 'dask')},`,
    '    cluster=cluster,',
    ...(request.table ? [`    table_name=${py(request.table)},`] : []),
    '    wait=False,',
    ')',
    'job.progress()  # partitions done / total, elapsed, dashboard link',
    '# job.cancel()  # stop it',
    'result = job.result()  # waits; the table is saved with provenance naming the cluster',
    'result'
  ].join('\n');
}

/** A function from a workspace module or a pasted cell, run over basket tables on the cluster. */
export function runSnippet(
  request: IRunRequest,
  form: IClusterForm,
  current: IClusterInfo | null
): string {
  return [
    ...pathImport(request.inputs),
    'from jupyter_escape import scale',
    '',
    `cluster = ${clusterCall(form, current)}`,
    '# the first input is split into partitions; the others go whole to every call',
    'job = scale.run_on_cluster(',
    `    [${request.inputs.map(refCode).join(', ')}],`,
    request.module
      ? `    module=${py(request.module)},`
      : `    code=${py(request.code ?? '')},`,
    ...(request.function ? [`    function=${py(request.function)},`] : []),
    `    table_name=${py(request.table ?? 'cluster_result')},`,
    ...(request.partitions
      ? [`    partitions=${py(request.partitions)},`]
      : []),
    '    cluster=cluster,',
    '    wait=False,',
    ')',
    'job.progress()  # partitions done / total, elapsed, dashboard link',
    '# job.cancel()  # stop it',
    'job.result()  # waits; the table is saved with provenance naming the cluster, the function and the inputs'
  ].join('\n');
}

/** A basket table written as HATS (hats-import) into the workspace on the cluster. */
export function hatsSnippet(
  request: IHatsRequest,
  form: IClusterForm,
  current: IClusterInfo | null
): string {
  return [
    ...pathImport([request.input]),
    'from jupyter_escape import scale',
    '',
    `cluster = ${clusterCall(form, current)}`,
    '# written to <workspace>/hats/<name> complete or not at all, then added to the basket',
    `item, info = scale.to_hats(${refCode(request.input)}, ${py(request.name)}, cluster=cluster)`,
    'info  # rows, partitions, build time, provenance'
  ].join('\n');
}
