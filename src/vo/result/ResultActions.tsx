/**
 * A result's toolbar: save to the workspace, the code (pyvo, Python API), DataLink of the selected row, and
 * sending it on (sky, plot, basket, SAMP). Each action runs through `ResultModel.act`: one at a time, its
 * failure shown below.
 */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { voAPI } from '../api';
import { EXPORT_FORMATS, ResultState } from '../model';
import type { ResultPane } from '../ResultPane';
import { pythonAPISnippet } from '../snippets';

type Done = Extract<ResultState, { kind: 'done' }>;

const SAMP_SEND = 'escape:samp-send';

/** A toolbar button that runs `work` as the pane's action `label`. */
function ActionButton(props: {
  pane: ResultPane;
  label: string;
  work: () => Promise<void>;
  className?: string;
  title?: string;
  disabled?: boolean;
  children: React.ReactNode;
}): JSX.Element {
  const model = props.pane.model;
  return (
    <button
      type="button"
      className={`jp-mod-styled${props.className ? ' ' + props.className : ''}`}
      disabled={!!model.busy || props.disabled}
      title={props.title}
      onClick={() => void model.act(props.label, props.work)}
    >
      {props.children}
    </button>
  );
}

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

/** Sending the result on: a sky view, a linked plot (then the basket and SAMP). */
function SendButtons(props: {
  pane: ResultPane;
  state: Done;
  selected: number;
}): JSX.Element {
  const { pane, state, selected } = props;
  const trans = pane.ctx.trans;
  const offers = pane.offers;
  return (
    <>
      {offers.sky && (
        <ActionButton
          pane={pane}
          title={trans.__(
            'Show the rows on a sky view; selections follow both ways'
          )}
          label={trans.__('Sending to the sky')}
          work={async () => {
            const n = await pane.showOnSky();
            Notification.info(
              trans.__('%1 sources on the sky', n.toLocaleString()),
              { autoClose: 3000 }
            );
          }}
        >
          {trans.__('Show on sky')}
        </ActionButton>
      )}
      {offers.plot && (
        <ActionButton
          pane={pane}
          className="jp-escape-VO-plot"
          title={trans.__(
            'Plot the result (scatter, histogram, density); brushing selects rows here and on the sky'
          )}
          label={trans.__('Opening the plot')}
          work={() => pane.openPlot()}
        >
          {trans.__('Plot')}
        </ActionButton>
      )}
      <ShareButtons pane={pane} state={state} selected={selected} />
    </>
  );
}

/** The export format and "Save to workspace". */
function SaveAs(props: { pane: ResultPane; id: string }): JSX.Element {
  const { pane, id } = props;
  const { ctx, model } = pane;
  const trans = ctx.trans;
  return (
    <>
      <label>
        {trans.__('Save as')}{' '}
        <select
          className="jp-mod-styled"
          value={model.exportFormat}
          onChange={e => model.setExportFormat(e.target.value)}
        >
          {EXPORT_FORMATS.map(f => (
            <option key={f} value={f}>
              {f === 'votable' ? 'VOTable' : f.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <ActionButton
        pane={pane}
        className="jp-escape-VO-export"
        label={trans.__('Saving')}
        work={async () => {
          const written = await voAPI.exportResult(id, {
            format: model.exportFormat,
            overwrite: true
          });
          Notification.success(
            trans.__('Saved the result to %1', written.path),
            { autoClose: 5000 }
          );
        }}
      >
        {trans.__('Save to workspace')}
      </ActionButton>
    </>
  );
}

/** Into the research basket, and to desktop tools over SAMP. */
function ShareButtons(props: {
  pane: ResultPane;
  state: Done;
  selected: number;
}): JSX.Element {
  const { pane, state, selected } = props;
  const { ctx, model } = pane;
  const trans = ctx.trans;
  const id = state.info.id;
  return (
    <>
      {pane.offers.basket && (
        <ActionButton
          pane={pane}
          className="jp-escape-VO-basket"
          title={trans.__(
            'Add the selected rows to the research basket (or, with no selection, the query and its result)'
          )}
          label={trans.__('Adding to the basket')}
          work={async () => {
            const title = await pane.addToBasket();
            Notification.success(trans.__('Added "%1" to the basket', title), {
              autoClose: 3000
            });
          }}
        >
          {selected
            ? trans.__('Add selection to basket (%1)', selected)
            : trans.__('Add to basket')}
        </ActionButton>
      )}
      {id && ctx.app.commands.hasCommand(SAMP_SEND) && (
        <ActionButton
          pane={pane}
          className="jp-escape-VO-samp"
          title={trans.__(
            'Send the result to desktop tools (TOPCAT, Aladin) over SAMP; selections follow both ways'
          )}
          label={trans.__('Sending via SAMP')}
          work={async () => {
            await ctx.app.commands.execute(SAMP_SEND, {
              source: { kind: 'vo-result', id },
              name: model.options?.label ?? state.label
            });
          }}
        >
          {trans.__('Send via SAMP')}
        </ActionButton>
      )}
    </>
  );
}
