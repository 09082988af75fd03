/** An item's actions: open as table, into the workspace database, show me the code, provenance, cross-match, remove. */
import { InputDialog, Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { basketAPI } from './api';
import { IBasketContext } from './context';
import { isTabular, itemSnippet, tableNameFor } from './kinds';
import { BasketSectionModel } from './sectionModel';
import { IBasketItem } from './tokens';

export function BasketItemActions(props: {
  ctx: IBasketContext;
  view: BasketSectionModel;
  item: IBasketItem;
}): JSX.Element {
  const { ctx, view, item } = props;
  const { trans, model } = ctx;
  const tabular = isTabular(item);

  const materialise = () =>
    view.run(trans.__('Materialising'), async () => {
      const result = await InputDialog.getText({
        title: trans.__('Table name in the workspace database'),
        text: tableNameFor(item),
        okLabel: trans.__('Materialise')
      });
      if (!result.button.accept || !result.value?.trim()) {
        return;
      }
      const info = await basketAPI.materialise(item.id, result.value.trim());
      await model.refresh();
      Notification.success(
        trans.__(
          'Table %1 (%2 rows) is in the workspace database; provenance in %3',
          info.table,
          info.n_rows,
          info.provenance_file
        ),
        {
          autoClose: 8000,
          actions: [
            {
              label: trans.__('Open SQL console'),
              callback: () =>
                ctx.openConsole(`SELECT * FROM "${info.table}" LIMIT 100`)
            }
          ]
        }
      );
    });

  /** Hidden at once, deleted after the undo window unless "Undo" is pressed. */
  const remove = () => {
    model.remove(item.id);
    Notification.emit(
      trans.__('Removed "%1" from the basket', item.title),
      'default',
      {
        autoClose: 7000,
        actions: [
          {
            label: trans.__('Undo'),
            callback: () => {
              if (!model.undo(item.id)) {
                Notification.warning(
                  trans.__('Too late: "%1" was already removed', item.title)
                );
              }
            }
          }
        ]
      }
    );
  };

  const button = (label: string, onClick: () => void, warn = false) => (
    <button
      type="button"
      className={`jp-mod-styled${warn ? ' jp-mod-warn' : ''}`}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <div
      className="jp-escape-Basket-actions"
      role="toolbar"
      aria-label={trans.__('Actions of %1', item.title)}
    >
      {tabular && button(trans.__('Open as table'), () => ctx.openTable(item))}
      {tabular &&
        button(trans.__('To workspace database'), () => void materialise())}
      {button(
        trans.__('Show me the code'),
        () => void ctx.insertCode(itemSnippet(item))
      )}
      {button(trans.__('Provenance'), () => ctx.openProvenance(item))}
      {tabular &&
        button(trans.__('Cross-match…'), () => ctx.openCrossmatch(item.id))}
      {button(trans.__('Remove'), remove, true)}
    </div>
  );
}
