/**
 * A result's toolbar: save to the workspace, the code (pyvo, Python API), DataLink of the selected row, and
 * sending it on (sky, plot, basket, SAMP). Each action runs through `ResultModel.act`: one at a time, its
 * failure shown below.
 */
import * as React from 'react';
import { voAPI } from '../api';
import { ResultState } from '../model';
import type { ResultPane } from '../ResultPane';
import { pythonAPISnippet } from '../snippets';
import { ActionButton } from './ActionButton';
import { SaveAs } from './SaveAs';
import { SendButtons } from './SendButtons';

type Done = Extract<ResultState, { kind: 'done' }>;

export function ResultActions(props: {
  pane: ResultPane;
  state: Done;
}): JSX.Element {
  const { pane, state } = props;
  const { ctx, model } = pane;
  const trans = ctx.trans;
  const id = state.info.id;
  const provenance = model.options!.provenance;
  const selected = pane.grid?.selectedRows ?? [];
  return (
    <div
      className="jp-escape-ResultPane-actions"
      role="toolbar"
      aria-label={trans.__('Result actions')}
    >
      <SaveAs pane={pane} id={id} />
      <ActionButton
        pane={pane}
        className="jp-escape-VO-code"
        title={trans.__('Insert the pyvo code of this query into the notebook')}
        label={trans.__('Writing code')}
        work={async () => {
          const { code } = await voAPI.resultCode(id);
          await ctx.insertCode(code);
        }}
      >
        {trans.__('Show me the code (pyvo)')}
      </ActionButton>
      <ActionButton
        pane={pane}
        className="jp-escape-VO-apiCode"
        label={trans.__('Writing code')}
        work={() => ctx.insertCode(pythonAPISnippet(provenance))}
      >
        {trans.__('Python API code')}
      </ActionButton>
      <ActionButton
        pane={pane}
        disabled={selected.length !== 1}
        title={trans.__('List the DataLink links of the selected row')}
        label={trans.__('Asking DataLink')}
        work={async () =>
          model.setLinks(
            await voAPI.datalink({ result_id: id, row: selected[0] })
          )
        }
      >
        {trans.__('DataLink…')}
      </ActionButton>
      <SendButtons pane={pane} state={state} selected={selected.length} />
      {model.busy && <span role="status">{model.busy}…</span>}
    </div>
  );
}
