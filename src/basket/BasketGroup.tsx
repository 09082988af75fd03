/** A group of the basket section: its header (rename, remove), its items, and a drop target for moving items. */
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { deleteIcon, editIcon, LabIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { BasketItem, DND_TYPE } from './BasketItem';
import { IBasketContext } from './context';
import { BasketSectionModel } from './sectionModel';
import { IBasketItem } from './tokens';

/** An icon button; the label is its accessible name and tooltip. */
export function ToolButton(props: {
  icon: LabIcon;
  label: string;
  onClick: () => void;
}): JSX.Element {
  return (
    <button
      type="button"
      className="jp-escape-Basket-tool"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      <props.icon.react tag="span" elementPosition="center" />
    </button>
  );
}

export function BasketGroup(props: {
  ctx: IBasketContext;
  view: BasketSectionModel;
  /** null: the items in no group. */
  name: string | null;
  items: IBasketItem[];
}): JSX.Element {
  const { ctx, view, name, items } = props;
  const { trans, model } = ctx;
  const [dropping, setDropping] = React.useState(false);
  const label = name ?? trans.__('Ungrouped');

  const rename = (group: string) =>
    view.run(trans.__('Renaming the group'), async () => {
      const result = await InputDialog.getText({
        title: trans.__('Rename group "%1"', group),
        text: group,
        okLabel: trans.__('Rename')
      });
      const to = result.value?.trim();
      if (result.button.accept && to && to !== group) {
        await model.renameGroup(group, to);
      }
    });

  const remove = (group: string) =>
    view.run(trans.__('Removing the group'), async () => {
      const answer = await showDialog({
        title: trans.__('Remove group "%1"?', group),
        body: trans.__(
          'Its %1 items stay in the basket, ungrouped, unless you remove them too.',
          items.length
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.warnButton({
            label: trans.__('Remove group and items'),
            actions: ['items']
          }),
          Dialog.okButton({ label: trans.__('Remove group') })
        ]
      });
      if (!answer.button.accept) {
        return;
      }
      await model.removeGroup(group, answer.button.actions.includes('items'));
    });

  return (
    <section
      className={`jp-escape-Basket-group${dropping ? ' jp-mod-dropTarget' : ''}`}
      aria-label={trans.__('Group %1', label)}
      onDragOver={e => {
        if (e.dataTransfer.types.includes(DND_TYPE)) {
          e.preventDefault();
          setDropping(true);
        }
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={e => {
        setDropping(false);
        const id = e.dataTransfer.getData(DND_TYPE);
        if (id) {
          e.preventDefault();
          void view.run(trans.__('Moving'), async () => {
            await model.update(id, { group: name });
          });
        }
      }}
    >
      <header className="jp-escape-Basket-groupHeader">
        <h3>
          {label}{' '}
          <span className="jp-escape-Basket-count">({items.length})</span>
        </h3>
        {name !== null && (
          <>
            <ToolButton
              icon={editIcon}
              label={trans.__('Rename group %1', name)}
              onClick={() => void rename(name)}
            />
            <ToolButton
              icon={deleteIcon}
              label={trans.__('Remove group %1', name)}
              onClick={() => void remove(name)}
            />
          </>
        )}
      </header>
      {items.length === 0 && (
        <p className="jp-escape-Basket-muted">
          {trans.__('No items: drag items here or use "Move to group".')}
        </p>
      )}
      <ul className="jp-escape-Basket-items">
        {items.map(item => (
          <BasketItem key={item.id} ctx={ctx} view={view} item={item} />
        ))}
      </ul>
    </section>
  );
}
