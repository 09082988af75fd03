/** The toolbar of a basket table pane: the view's own content, "Show on sky", "Add selection to basket". */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import type { ResultGrid } from '../grid';
import { BasketError } from './components';
import { MAX_INLINE_ROWS } from './rows';
import { TablePaneModel } from './tablePaneModel';

export function TablePaneBar(props: {
  model: TablePaneModel;
  grid: ResultGrid | null;
}): JSX.Element {
  const { model, grid } = props;
  useSignals([model.changed]);
  const { ctx, extra } = model.options;
  const trans = ctx.trans;
  const selected = grid?.selectedRows ?? [];
  return (
    <div className="jp-escape-TablePane-tools">
      <div
        className="jp-escape-TablePane-actions"
        role="toolbar"
        aria-label={trans.__('Table actions')}
      >
        {extra?.()}
        {grid && ctx.sky && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-Basket-sky"
            disabled={!!model.busy}
            onClick={() => model.showOnSky(grid)}
          >
            {trans.__('Show on sky')}
          </button>
        )}
        {grid && (
          <button
            type="button"
            className="jp-mod-styled"
            disabled={
              !!model.busy ||
              selected.length === 0 ||
              selected.length > MAX_INLINE_ROWS
            }
            title={trans.__(
              'Add the selected rows to the basket (up to %1)',
              MAX_INLINE_ROWS
            )}
            onClick={() => model.addSelection(grid, selected)}
          >
            {trans.__('Add selection to basket (%1)', selected.length)}
          </button>
        )}
        {model.busy && <span role="status">{model.busy}…</span>}
      </div>
      {model.error !== null && (
        <BasketError
          error={model.error}
          trans={trans}
          onDismiss={() => model.clearError()}
        />
      )}
    </div>
  );
}
