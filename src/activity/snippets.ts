/**
 * "Re-attach in a notebook cell": the Python that finds a running job again by its kind and id and waits on
 * it (jupyter_escape/activity.py). Pure: tested in src/__tests__/activitySnippets.spec.ts.
 */

/** The job kinds the notebook API can re-attach to (activity.KINDS). */
export type ReattachKind =
  | 'tap'
  | 'datalake-stage'
  | 'datalake-upload'
  | 'zooniverse-upload'
  | 'ossr-publish'
  | 'ossr-install'
  | 'samp-send';

/** A Python string literal for any text (JSON's escapes are valid Python). */
function py(text: string): string {
  return JSON.stringify(text);
}

export function reattachSnippet(
  kind: ReattachKind,
  id: string,
  what?: string
): string {
  const comment = what ? `  # ${what.replace(/\s+/g, ' ')}` : '';
  const lines = [
    'from jupyter_escape import activity',
    '',
    `job = activity.attach(${py(kind)}, ${py(id)})${comment}`
  ];
  if (kind === 'tap') {
    lines.push(
      'job.wait(timeout=600)  # polls the TAP service until the job ends',
      'table = job.fetch() if job.info.phase == "COMPLETED" else None',
      'job.info.phase, job.info.error'
    );
  } else {
    lines.push(
      'ended = job.wait(timeout=600)  # follows the state the Jupyter server saves',
      'ended["state"], ended.get("error") or ended.get("message")'
    );
  }
  return lines.join('\n') + '\n';
}
