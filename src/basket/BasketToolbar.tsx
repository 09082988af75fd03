/** The basket section's toolbar: new group, SQL console, cross-match, save / restore with a notebook, refresh. */
import {
  addIcon,
  linkIcon,
  notebookIcon,
  refreshIcon,
  saveIcon,
  tableRowsIcon
} from '@jupyterlab/ui-components';
import * as React from 'react';
import { ToolButton } from './BasketGroup';
import { IBasketContext } from './context';
import { BasketCommandIDs } from './tokens';

export function BasketToolbar(props: {
  ctx: IBasketContext;
  onNewGroup: () => void;
}): JSX.Element {
  const { ctx } = props;
  const { model, trans } = ctx;
  const command = (id: string) => () => void ctx.app.commands.execute(id);
  return (
    <div
      className="jp-escape-Basket-toolbar"
      role="toolbar"
      aria-label={trans.__('Basket actions')}
    >
      <ToolButton
        icon={addIcon}
        label={trans.__('New group')}
        onClick={props.onNewGroup}
      />
      <ToolButton
        icon={tableRowsIcon}
        label={trans.__('SQL console of the workspace database')}
        onClick={command(BasketCommandIDs.sqlConsole)}
      />
      <ToolButton
        icon={linkIcon}
        label={trans.__('Cross-match…')}
        onClick={command(BasketCommandIDs.crossmatch)}
      />
      <ToolButton
        icon={saveIcon}
        label={trans.__('Save the basket into the active notebook')}
        onClick={command(BasketCommandIDs.saveToNotebook)}
      />
      <ToolButton
        icon={notebookIcon}
        label={trans.__('Restore the basket from the active notebook')}
        onClick={command(BasketCommandIDs.restoreFromNotebook)}
      />
      <ToolButton
        icon={refreshIcon}
        label={trans.__('Refresh the basket')}
        onClick={() => void model.refresh()}
      />
      <span className="jp-escape-Basket-total">
        {trans.__('%1 items', model.items.length)}
      </span>
    </div>
  );
}
