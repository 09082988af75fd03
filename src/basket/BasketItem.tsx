/** One basket item: its head (icon, title, kind; drag to move), and when expanded its details and actions. */
import * as React from 'react';
import { BasketItemActions } from './BasketItemActions';
import { IBasketContext } from './context';
import { kindIcon } from './kindIcons';
import { kindLabel } from './kinds';
import { BasketSectionModel } from './sectionModel';
import { IBasketItem } from './tokens';

/** Drag-and-drop type of an item id (moving items between groups). */
export const DND_TYPE = 'application/x-escape-basket-item';

interface IItemProps {
  ctx: IBasketContext;
  view: BasketSectionModel;
  item: IBasketItem;
}

export function BasketItem(props: IItemProps): JSX.Element {
  const { ctx, view, item } = props;
  const { trans } = ctx;
  const expanded = view.expanded === item.id;
  const Icon = kindIcon(item.kind);
  const kind = kindLabel(item.kind, trans);
  const detailsId = `jp-escape-basket-item-${item.id}`;
  return (
    <li
      className={`jp-escape-Basket-item${expanded ? ' jp-mod-expanded' : ''}`}
      data-item-id={item.id}
      data-kind={item.kind}
      draggable
      onDragStart={e => {
        e.dataTransfer.setData(DND_TYPE, item.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <button
        type="button"
        className="jp-escape-Basket-itemHead"
        aria-expanded={expanded}
        aria-controls={detailsId}
        title={`${kind}: ${item.source}`}
        onClick={() => view.toggle(item.id)}
      >
        <Icon.react
          tag="span"
          className="jp-escape-Basket-icon"
          aria-hidden="true"
        />
        <span className="jp-escape-Basket-title">{item.title}</span>
        <span className="jp-escape-Basket-kind">{kind}</span>
      </button>
      {item.notes && !expanded && (
        <div className="jp-escape-Basket-notePreview">{item.notes}</div>
      )}
      {expanded && <ItemDetails id={detailsId} {...props} />}
    </li>
  );
}

/** Source, date, path or table; the notes (saved on blur or Ctrl+Enter); the group; the actions. */
function ItemDetails(props: IItemProps & { id: string }): JSX.Element {
  const { ctx, view, item } = props;
  const { trans, model } = ctx;
  // the notes as typed, saved when the field is left
  const [notes, setNotes] = React.useState(item.notes);
  React.useEffect(() => setNotes(item.notes), [item.notes]);
  const saveNotes = () => {
    if (notes !== item.notes) {
      void view.run(trans.__('Saving the notes'), async () => {
        await model.update(item.id, { notes });
      });
    }
  };
  const path = item.kind === 'workspace_file' ? String(item.payload.path) : '';
  const table = item.extra?.table;
  return (
    <div id={props.id} className="jp-escape-Basket-details">
      <dl className="jp-escape-Basket-meta">
        <dt>{trans.__('Source')}</dt>
        <dd>{item.source}</dd>
        <dt>{trans.__('Added')}</dt>
        <dd>{new Date(item.created).toLocaleString()}</dd>
        {item.kind === 'workspace_file' && (
          <>
            <dt>{trans.__('Path')}</dt>
            <dd>
              <button
                type="button"
                className="jp-escape-Basket-link"
                onClick={() =>
                  void ctx.app.commands.execute('docmanager:open', { path })
                }
              >
                {path}
              </button>
            </dd>
          </>
        )}
        {table ? (
          <>
            <dt>{trans.__('Table')}</dt>
            <dd>
              <code>{String(table)}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <label className="jp-escape-Basket-notes">
        {trans.__('Notes')}
        <textarea
          className="jp-mod-styled"
          value={notes}
          rows={2}
          onChange={e => setNotes(e.target.value)}
          onBlur={saveNotes}
          onKeyDown={e => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              saveNotes();
            }
          }}
        />
      </label>
      <label className="jp-escape-Basket-move">
        {trans.__('Move to group')}{' '}
        <select
          className="jp-mod-styled"
          value={item.group ?? ''}
          onChange={e =>
            void view.run(trans.__('Moving'), async () => {
              await model.update(item.id, { group: e.target.value || null });
            })
          }
        >
          <option value="">{trans.__('(ungrouped)')}</option>
          {model.groups.map(g => (
            <option key={g.name} value={g.name}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <BasketItemActions ctx={ctx} view={view} item={item} />
    </div>
  );
}
