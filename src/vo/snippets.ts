/**
 * The `jupyter_escape.vo` notebook-API code equivalent to an action in the UI (the pyvo code comes from the
 * server: `vo/results/<id>/code`, `vo/code`). Every value goes through the shared builder (common/snippets.ts):
 * a Python literal, never pasted raw text.
 */
import { py, pyKwargs } from '../common/snippets';
import { IProvenance } from './api';

export function pythonAPISnippet(p: IProvenance): string {
  const params = (p.params ?? {}) as Record<string, unknown>;
  const head = 'from jupyter_escape import vo\n\n';
  const maxrec =
    p.maxrec !== undefined && p.maxrec !== null
      ? `, maxrec=${py(p.maxrec)}`
      : '';
  switch (p.kind) {
    case 'tap':
      if (p.mode === 'async') {
        return (
          head +
          `job = vo.submit(${py(p.url)}, ${py(p.query)}${maxrec})\n` +
          'job.wait()\ntable = job.fetch()  # an astropy Table; job.fetch().to_arrow() for Arrow\ntable'
        );
      }
      return (
        head +
        `table = vo.query(${py(p.url)}, ${py(p.query)}${maxrec})\n` +
        "if table.meta['overflow']:\n    print('truncated at MAXREC: raise maxrec or use vo.submit')\ntable"
      );
    case 'scs':
      return (
        head +
        `table = vo.cone_search(${py(p.url)}, ra=${py(params.ra)}, dec=${py(params.dec)}, ` +
        `radius=${py(params.radius)}${params.maxrec !== undefined ? `, maxrec=${py(params.maxrec)}` : ''})\ntable`
      );
    case 'sia':
      return (
        head +
        `table = vo.sia_search(${py(p.url)}, ra=${py(params.ra)}, dec=${py(params.dec)}, size=${py(params.size ?? params.radius)})\ntable`
      );
    case 'ssa':
      return (
        head +
        `table = vo.ssa_search(${py(p.url)}, ra=${py(params.ra)}, dec=${py(params.dec)}, size=${py(params.size ?? params.radius)})\ntable`
      );
    case 'sia2': {
      const circle = `circle=(${py(params.ra)}, ${py(params.dec)}, ${py(params.radius ?? params.size)})`;
      return head + `table = vo.sia2_search(${py(p.url)}, ${circle})\ntable`;
    }
    case 'registry': {
      const args = pyKwargs(
        Object.fromEntries(
          Object.entries(params).filter(
            ([, v]) => v !== undefined && v !== null && v !== ''
          )
        )
      );
      return (
        head +
        `resources = vo.search_registry(${args.join(', ')})\n[(r['title'], r['ivoid']) for r in resources]`
      );
    }
  }
  return head;
}

/** Python code searching several services at once. */
export function multiSearchSnippet(
  services: { kind: string; url: string }[],
  params: Record<string, unknown>
): string {
  const list = services
    .map(s => `    {"kind": ${py(s.kind)}, "url": ${py(s.url)}},`)
    .join('\n');
  const kw = pyKwargs(params).join(', ');
  return (
    'from jupyter_escape import vo\n\n' +
    `outcomes = vo.search_many([\n${list}\n], ${kw})\n` +
    "for o in outcomes:\n    print(o['url'], o['rows'] if o['ok'] else o['error'])"
  );
}
