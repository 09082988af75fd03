/** One registry resource: title, publisher, coverage, sanitised description, its services and actions. */
import * as React from 'react';
import { formatSpectralRange } from '../../components/spectral';
import { accessURL, IResource, serviceKinds } from '../api';
import { SafeHTML } from '../components';
import { IVOContext } from '../context';
import { DAL_KINDS, RegistryModel, targetKey } from '../model';

function coverageText(r: IResource): string {
  const parts: string[] = [];
  if (r.coverage.spatial) {
    parts.push('sky');
  }
  for (const [a, b] of r.coverage.temporal.slice(0, 2)) {
    parts.push(`MJD ${Math.round(a)}–${Math.round(b)}`);
  }
  for (const [a, b] of r.coverage.spectral.slice(0, 2)) {
    parts.push(formatSpectralRange(a, b));
  }
  return parts.join(', ');
}

export function ResourceItem(props: {
  ctx: IVOContext;
  model: RegistryModel;
  resource: IResource;
}): JSX.Element {
  const { ctx, resource: r } = props;
  const trans = ctx.trans;
  const title = r.title || r.short_name || r.ivoid;
  const sanitize = React.useCallback(
    (html: string) => ctx.sanitizer.sanitize(html),
    [ctx.sanitizer]
  );
  const coverage = coverageText(r);
  return (
    <li className="jp-escape-Resource">
      <h3 className="jp-escape-Resource-title">{title}</h3>
      <div className="jp-escape-Resource-meta">
        {r.publisher && <span>{r.publisher}</span>}
        <code className="jp-escape-VO-muted">{r.ivoid}</code>
        {r.waveband.length > 0 && <span>{r.waveband.join(', ')}</span>}
        {coverage && (
          <span title={trans.__('Coverage')}>
            {trans.__('coverage: %1', coverage)}
          </span>
        )}
      </div>
      <details className="jp-escape-Resource-desc">
        <summary>
          {r.description.slice(0, 160) || trans.__('(no description)')}
        </summary>
        <SafeHTML
          html={r.description_html}
          sanitize={sanitize}
          className="jp-escape-VO-desc"
        />
        {r.reference_url && (
          <a href={r.reference_url} target="_blank" rel="noopener noreferrer">
            {trans.__('More information')}
          </a>
        )}
      </details>
      <ResourceServices {...props} title={title} />
    </li>
  );
}

/** The resource's service badges, "Open TAP", and a tick per DAL service for the multi-search. */
function ResourceServices(props: {
  ctx: IVOContext;
  model: RegistryModel;
  resource: IResource;
  title: string;
}): JSX.Element {
  const { ctx, model, resource: r, title } = props;
  const trans = ctx.trans;
  const kinds = serviceKinds(r);
  const tap = accessURL(r, 'tap');
  return (
    <div className="jp-escape-Resource-caps">
      {kinds.map(k => (
        <span key={k} className="jp-escape-Badge">
          {k.toUpperCase()}
        </span>
      ))}
      {tap && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-VO-openService"
          aria-label={trans.__('Open TAP service %1', title)}
          onClick={() => ctx.openService(tap, r.short_name || title)}
        >
          {trans.__('Open TAP')}
        </button>
      )}
      {DAL_KINDS.map(([k]) => k)
        .filter(k => kinds.includes(k))
        .map(k => {
          const url = accessURL(r, k)!;
          const key = targetKey({ kind: k, url });
          return (
            <label key={k} className="jp-escape-Check">
              <input
                type="checkbox"
                checked={!!model.picked[key]}
                onChange={e =>
                  model.pick(
                    key,
                    e.target.checked ? { kind: k, url, label: title } : null
                  )
                }
              />
              {trans.__('add %1 to multi-search', k.toUpperCase())}
            </label>
          );
        })}
    </div>
  );
}
