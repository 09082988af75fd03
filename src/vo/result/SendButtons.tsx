/** Sending a result on: a sky view, a linked plot, the research basket, desktop tools over SAMP. */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { ResultState } from '../model';
import type { ResultPane } from '../ResultPane';
import { ActionButton } from './ActionButton';

type Done = Extract<ResultState, { kind: 'done' }>;

const SAMP_SEND = 'escape:samp-send';

/** Sending the result on: a sky view, a linked plot (then the basket and SAMP). */
export function SendButtons(props: {
  pane: ResultPane;
  state: Done;
  selected: number;
}): JSX.Element {
  const { pane, state, selected } = props;
  const trans = pane.ctx.trans;
  const offers = pane.links.offers;
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
            const n = await pane.links.showOnSky();
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
          work={() => pane.links.openPlot()}
        >
          {trans.__('Plot')}
        </ActionButton>
      )}
      <ShareButtons pane={pane} state={state} selected={selected} />
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
      {pane.links.offers.basket && (
        <ActionButton
          pane={pane}
          className="jp-escape-VO-basket"
          title={trans.__(
            'Add the selected rows to the research basket (or, with no selection, the query and its result)'
          )}
          label={trans.__('Adding to the basket')}
          work={async () => {
            const title = await pane.links.addToBasket();
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
