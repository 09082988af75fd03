/** The cluster form's values and the start request they make (pure: tested in __tests__/cluster.spec.ts). */

export type ClusterKind = 'local' | 'address' | 'gateway';

/** What the cluster form holds (strings as typed). */
export interface IClusterForm {
  kind: ClusterKind;
  address: string;
  gateway: string;
  workers: string;
  clusterName: string;
}

/** The start request of a form, or a message naming the field at fault. */
export function clusterRequest(
  form: IClusterForm
): Record<string, unknown> | string {
  const body: Record<string, unknown> = { kind: form.kind };
  const workers = form.workers.trim();
  if (workers) {
    const n = Number(workers);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      return 'workers: a whole number from 1 to 64 (or empty for the default)';
    }
    body.n_workers = n;
  }
  if (form.kind === 'address') {
    if (!form.address.trim()) {
      return "address: the scheduler's address, e.g. tcp://10.0.0.5:8786";
    }
    body.address = form.address.trim();
  }
  if (form.kind === 'gateway') {
    if (!/^https?:\/\/\S/.test(form.gateway.trim())) {
      return "gateway: the gateway's http(s) URL, e.g. http://127.0.0.1:8099";
    }
    body.gateway = form.gateway.trim();
    if (form.clusterName.trim()) {
      body.cluster_name = form.clusterName.trim();
    }
  }
  return body;
}
