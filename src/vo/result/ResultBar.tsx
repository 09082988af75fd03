/** The result pane's bar: empty, working (Cancel), the error, or the result's summary, warnings and actions. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IResultInfo } from '../api';
import { Busy, ErrorBox, formatBytes } from '../components';
import { IRunOptions, ResultState } from '../model';
import type { ResultPane } from '../ResultPane';
import { DatalinkList } from './DatalinkList';
import { ResultActions } from './ResultActions';

type Done = Extract<ResultState, { kind: 'done' }>;

export function ResultBar(props: { pane: ResultPane }): JSX.Element {
  const { pane } = props;
  const model = pane.model;
  const { state, options } = model;
  const trans = pane.ctx.trans;
  if (state.kind === 'idle') {
    return (
      <div className="jp-escape-ResultPane-empty">
        {pane.emptyText ?? trans.__('Run a query to see its result here.')}
      </div>
    );
  }
  if (state.kind === 'running') {
    return (
      <Busy
        label={state.label}
        since={state.since}
        onCancel={() => pane.cancel()}
        trans={trans}
      />
    );
  }
  if (state.kind === 'error') {
    return (
      <ErrorBox error={state.error} trans={trans} onGoTo={options?.onGoTo} />
    );
  }
  return (
    <div className="jp-escape-ResultPane-tools">
      <div className="jp-escape-ResultPane-summary" role="status">
        {trans.__(
          '%1: %2 rows, %3 columns in %4 s (%5)',
          state.label,
          state.info.rows.toLocaleString(),
          state.info.columns,
          state.seconds.toFixed(1),
          formatBytes(state.bytes)
        )}
      </div>
      <Warnings info={state.info} trans={trans} />
      {state.info.overflow && (
        <Overflow state={state} options={options} trans={trans} />
      )}
      <ResultActions pane={pane} state={state} />
      {model.actionError && (
        <ErrorBox error={model.actionError} trans={trans} />
      )}
      {model.links && <DatalinkList pane={pane} answer={model.links} />}
    </div>
  );
}

/** An error the service gave after its rows, and cells that were not valid values of their column. */
function Warnings(props: {
  info: IResultInfo;
  trans: TranslationBundle;
}): JSX.Element {
  const { info, trans } = props;
  return (
    <>
      {info.error && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-query-error"
          role="alert"
        >
          {trans.__(
            'The service reported an error after these rows: %1',
            info.error
          )}
        </div>
      )}
      {!!info.warnings?.length && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-cell-warnings"
          role="status"
        >
          {info.warnings
            .map(w =>
              w.column
                ? trans.__(
                    '%1: %2 cell(s) shown empty (%3, first in row %4)',
                    w.column,
                    w.count,
                    w.problem,
                    w.row ?? '?'
                  )
                : w.problem
            )
            .join('; ')}
        </div>
      )}
    </>
  );
}

/** Truncated at MAXREC: say so, and offer a larger MAXREC or an async job. */
function Overflow(props: {
  state: Done;
  options: IRunOptions | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, options, trans } = props;
  const maxrec = options?.provenance.maxrec ?? state.info.rows;
  const more = Math.max(maxrec, 1) * 10;
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-overflow"
      role="alert"
    >
      {trans.__(
        'Truncated: the service stopped at MAXREC (%1 rows). There are more rows.',
        state.info.rows.toLocaleString()
      )}{' '}
      {options?.onRerun && (
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => options.onRerun!(more)}
        >
          {trans.__('Fetch more (MAXREC %1)', more.toLocaleString())}
        </button>
      )}{' '}
      {options?.onSubmitAsync && (
        <button
          type="button"
          className="jp-mod-styled"
          onClick={options.onSubmitAsync}
        >
          {trans.__('Run as async job')}
        </button>
      )}
    </div>
  );
}
