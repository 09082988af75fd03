/** The cross-match form: inputs, options, the cluster (unless in memory), Run and "Show me the code", the outcome. */
import * as React from 'react';
import { ClusterControls } from './ClusterControls';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { JobProgress } from './JobProgress';
import { isTabular } from './kinds';
import { TableChoice } from './XMatchFields';
import { MatchOptions } from './XMatchOptions';
import { OutputOptions } from './XMatchOutput';
import { XMatchModel } from './xmatchModel';

export function XMatchForm(props: {
  ctx: IBasketContext;
  model: XMatchModel;
  run: () => void;
}): JSX.Element {
  const { ctx, model } = props;
  const { form, result } = model;
  const trans = ctx.trans;
  return (
    <form
      className="jp-escape-XMatch-body"
      aria-label={trans.__('Cross-match')}
      onSubmit={e => {
        e.preventDefault();
        props.run();
      }}
    >
      <div className="jp-escape-XMatch-row">
        <TableChoice
          ctx={ctx}
          model={model}
          side="left"
          label={trans.__('Left table')}
        />
        <TableChoice
          ctx={ctx}
          model={model}
          side="right"
          label={trans.__('Right table')}
        />
      </div>
      <MatchOptions model={model} trans={trans} />
      <OutputOptions model={model} trans={trans} />
      {form.engine !== 'memory' && (
        <ClusterControls
          model={ctx.cluster}
          trans={trans}
          insertCode={code => void ctx.insertCode(code)}
          tables={[
            ...ctx.model.items.filter(isTabular).map(i => ({
              value: i.id,
              label: i.title,
              group: 'item' as const
            })),
            ...model.tables.map(t => ({
              value: t.table,
              label: t.table,
              group: 'table' as const
            }))
          ]}
        />
      )}
      <div className="jp-escape-Basket-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept jp-escape-XMatch-run"
          disabled={model.running}
        >
          {model.running
            ? trans.__('Cross-matching…')
            : trans.__('Cross-match')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => {
            try {
              void ctx.insertCode(model.code());
            } catch (error) {
              model.setError(error);
            }
          }}
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      <JobProgress model={ctx.cluster} trans={trans} />
      {model.error !== null && (
        <BasketError error={model.error} trans={trans} />
      )}
      {result && (
        <div className="jp-escape-XMatch-summary" role="status">
          {trans.__(
            '%1 matches (left %2 rows, right %3 rows) in %4 s',
            result.n_matches.toLocaleString(),
            result.n_left.toLocaleString(),
            result.n_right.toLocaleString(),
            Object.values(result.timings ?? {})
              .reduce((a, b) => a + Number(b || 0), 0)
              .toFixed(2)
          )}
          {result.saved?.path
            ? ` — ${trans.__('saved to %1', result.saved.path)}`
            : ''}
          {result.notes?.length ? (
            <ul>
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </form>
  );
}
