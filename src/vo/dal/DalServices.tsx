/** The services of the chosen protocol: add by URL or from the registry, tick, and each one's outcome. */
import * as React from 'react';
import { Busy, ErrorBox } from '../components';
import type { IDalTarget } from '../context';
import type { DalView } from '../DalView';
import { IDalOutcome, targetKey } from '../model';

export function DalServices(props: { view: DalView }): JSX.Element {
  const { view } = props;
  const { model, ctx } = view;
  const trans = ctx.trans;
  const kind = model.kind.toUpperCase();
  const forKind = model.forKind;
  return (
    <div className="jp-escape-Dal-services">
      <div className="jp-escape-Dal-add">
        <input
          type="url"
          className="jp-mod-styled"
          placeholder={trans.__('Add a %1 service URL', kind)}
          aria-label={trans.__('Service URL to add')}
          value={model.manual}
          onChange={e => model.set('manual', e.target.value)}
        />
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!model.manual.trim()}
          onClick={() => model.addManual()}
        >
          {trans.__('Add')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void model.findServices()}
        >
          {trans.__('Find %1 services in the registry', kind)}
        </button>
      </div>
      {model.finding !== null && (
        <Busy
          label={trans.__('Asking the registry…')}
          since={model.finding}
          trans={trans}
        />
      )}
      {model.findError && <ErrorBox error={model.findError} trans={trans} />}
      {!forKind.length && (
        <p className="jp-escape-VO-muted">
          {trans.__(
            'No %1 service chosen: find some in the registry or add a URL.',
            kind
          )}
        </p>
      )}
      <table className="jp-escape-Dal-table">
        <tbody>
          {forKind.map(t => (
            <ServiceRow key={targetKey(t)} view={view} target={t} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServiceRow(props: { view: DalView; target: IDalTarget }): JSX.Element {
  const { view, target: t } = props;
  const model = view.model;
  const k = targetKey(t);
  const o = model.outcomes[k];
  return (
    <tr className={o ? `jp-escape-Dal-${o.state}` : ''}>
      <td>
        <label className="jp-escape-Check">
          <input
            type="checkbox"
            checked={model.enabled[k] !== false}
            onChange={e => model.setEnabled(k, e.target.checked)}
          />
          <span title={t.url}>{t.label}</span>
        </label>
      </td>
      <td role="status">
        {o && <Outcome view={view} target={t} outcome={o} />}
      </td>
    </tr>
  );
}

function Outcome(props: {
  view: DalView;
  target: IDalTarget;
  outcome: IDalOutcome;
}): JSX.Element {
  const { view, target, outcome: o } = props;
  const trans = view.ctx.trans;
  switch (o.state) {
    case 'running':
      return (
        <Busy
          label={trans.__('searching')}
          since={o.since}
          trans={trans}
          onCancel={() => view.model.cancel(targetKey(target))}
        />
      );
    case 'ok':
      return (
        <>
          {trans.__('%1 rows in %2 s', o.rows!, o.seconds!.toFixed(1))}
          {o.overflow && ` (${trans.__('truncated at MAXREC')})`}{' '}
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => view.showResult(target, o)}
          >
            {trans.__('Show')}
          </button>
        </>
      );
    case 'cancelled':
      return <>{trans.__('cancelled')}</>;
    case 'error':
      return <ErrorBox error={o.error!} trans={trans} />;
  }
}
