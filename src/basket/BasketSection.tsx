/**
 * The "Research basket" section of the ESCAPE sidebar: items grouped, with notes, actions and removal with
 * undo. Kept fresh (long poll) only while the section is on screen.
 */
import {
  Dialog,
  InputDialog,
  Notification,
  ReactWidget,
  showDialog
} from '@jupyterlab/apputils';
import {
  addIcon,
  deleteIcon,
  editIcon,
  LabIcon,
  linkIcon,
  notebookIcon,
  refreshIcon,
  saveIcon,
  tableRowsIcon
} from '@jupyterlab/ui-components';
import { IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { basketAPI } from './api';
import { BasketError, useAction } from './components';
import { IBasketContext } from './context';
import { kindIcon } from './kindIcons';
import { isTabular, itemSnippet, kindLabel, tableNameFor } from './kinds';
import { BasketCommandIDs, IBasketItem } from './tokens';

/** Drag-and-drop type of an item id (moving items between groups). */
const DND_TYPE = 'application/x-escape-basket-item';

export class BasketSection extends ReactWidget {
  constructor(private _ctx: IBasketContext) {
    super();
    this.addClass('jp-escape-BasketSection');
    this.title.label = _ctx.trans.__('Research basket');
    _ctx.model.changed.connect(() => this.update(), this);
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._watch ??= this._ctx.model.watch();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._watch?.dispose();
    this._watch = null;
  }

  protected onBeforeDetach(msg: Message): void {
    this._watch?.dispose();
    this._watch = null;
    super.onBeforeDetach(msg);
  }

  render(): JSX.Element {
    return <Basket ctx={this._ctx} />;
  }

  private _watch: IDisposable | null = null;
}

function Basket(props: { ctx: IBasketContext }): JSX.Element {
  const { ctx } = props;
  const { model, trans } = ctx;
  const [busy, error, run, clearError] = useAction();
  const [open, setOpen] = React.useState<string | null>(null);
  const items = model.items;
  const groups = model.groups;
  const sections: { name: string | null; items: IBasketItem[] }[] = [
    { name: null, items: items.filter(i => !i.group) },
    ...groups.map(g => ({
      name: g.name,
      items: items.filter(i => i.group === g.name)
    }))
  ];

  const newGroup = () =>
    run(trans.__('Creating the group'), async () => {
      const result = await InputDialog.getText({
        title: trans.__('New basket group'),
        placeholder: trans.__('e.g. paper figures'),
        okLabel: trans.__('Create')
      });
      if (result.button.accept && result.value?.trim()) {
        await model.addGroup(result.value.trim());
      }
    });

  const command = (id: string) => () => void ctx.app.commands.execute(id);

  return (
    <div className="jp-escape-Basket">
      <div
        className="jp-escape-Basket-toolbar"
        role="toolbar"
        aria-label={trans.__('Basket actions')}
      >
        <ToolButton
          icon={addIcon}
          label={trans.__('New group')}
          onClick={newGroup}
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
          {trans.__('%1 items', items.length)}
        </span>
      </div>
      {busy && <div role="status">{busy}…</div>}
      {error !== null && (
        <BasketError error={error} trans={trans} onDismiss={clearError} />
      )}
      {model.error && <BasketError error={model.error} trans={trans} />}
      {model.loaded && items.length === 0 && groups.length === 0 && (
        <p className="jp-escape-Basket-empty">
          {trans.__(
            'The basket is empty. Add VO services, query results or selected rows from the VO views, OSSR records, or workspace files (right-click a file: "Add to Research Basket").'
          )}
        </p>
      )}
      {sections.map(section =>
        section.name === null && section.items.length === 0 ? null : (
          <Group
            key={section.name ?? ''}
            ctx={ctx}
            name={section.name}
            items={section.items}
            open={open}
            setOpen={setOpen}
            run={run}
          />
        )
      )}
    </div>
  );
}

/** An icon button; the label is its accessible name and tooltip. */
function ToolButton(props: {
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

type Run = (label: string, work: () => Promise<void>) => Promise<void>;

function Group(props: {
  ctx: IBasketContext;
  name: string | null;
  items: IBasketItem[];
  open: string | null;
  setOpen: (id: string | null) => void;
  run: Run;
}): JSX.Element {
  const { ctx, name, items, run } = props;
  const { trans, model } = ctx;
  const [dropping, setDropping] = React.useState(false);
  const label = name ?? trans.__('Ungrouped');

  const rename = () =>
    run(trans.__('Renaming the group'), async () => {
      const result = await InputDialog.getText({
        title: trans.__('Rename group "%1"', name!),
        text: name!,
        okLabel: trans.__('Rename')
      });
      if (
        result.button.accept &&
        result.value?.trim() &&
        result.value.trim() !== name
      ) {
        await model.renameGroup(name!, result.value.trim());
      }
    });

  const remove = () =>
    run(trans.__('Removing the group'), async () => {
      const answer = await showDialog({
        title: trans.__('Remove group "%1"?', name!),
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
      await model.removeGroup(name!, answer.button.actions.includes('items'));
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
          void run(trans.__('Moving'), async () => {
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
              onClick={rename}
            />
            <ToolButton
              icon={deleteIcon}
              label={trans.__('Remove group %1', name)}
              onClick={remove}
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
          <Item
            key={item.id}
            ctx={ctx}
            item={item}
            expanded={props.open === item.id}
            onToggle={() =>
              props.setOpen(props.open === item.id ? null : item.id)
            }
            run={run}
          />
        ))}
      </ul>
    </section>
  );
}

function Item(props: {
  ctx: IBasketContext;
  item: IBasketItem;
  expanded: boolean;
  onToggle: () => void;
  run: Run;
}): JSX.Element {
  const { ctx, item, expanded } = props;
  const { trans } = ctx;
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
        onClick={props.onToggle}
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

function ItemDetails(props: {
  id: string;
  ctx: IBasketContext;
  item: IBasketItem;
  run: Run;
}): JSX.Element {
  const { ctx, item, run } = props;
  const { trans, model } = ctx;
  const [notes, setNotes] = React.useState(item.notes);
  React.useEffect(() => setNotes(item.notes), [item.notes]);
  const saveNotes = () => {
    if (notes !== item.notes) {
      void run(trans.__('Saving the notes'), async () => {
        await model.update(item.id, { notes });
      });
    }
  };
  const tabular = isTabular(item);

  const materialise = () =>
    run(trans.__('Materialising'), async () => {
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
                  void ctx.app.commands.execute('docmanager:open', {
                    path: item.payload.path
                  })
                }
              >
                {item.payload.path}
              </button>
            </dd>
          </>
        )}
        {item.extra?.table && (
          <>
            <dt>{trans.__('Table')}</dt>
            <dd>
              <code>{item.extra.table}</code>
            </dd>
          </>
        )}
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
            void run(trans.__('Moving'), async () => {
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
      <div
        className="jp-escape-Basket-actions"
        role="toolbar"
        aria-label={trans.__('Actions of %1', item.title)}
      >
        {tabular && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => ctx.openTable(item)}
          >
            {trans.__('Open as table')}
          </button>
        )}
        {tabular && (
          <button type="button" className="jp-mod-styled" onClick={materialise}>
            {trans.__('To workspace database')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void ctx.insertCode(itemSnippet(item))}
        >
          {trans.__('Show me the code')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openProvenance(item)}
        >
          {trans.__('Provenance')}
        </button>
        {tabular && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => ctx.openCrossmatch(item.id)}
          >
            {trans.__('Cross-match…')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn"
          onClick={remove}
        >
          {trans.__('Remove')}
        </button>
      </div>
    </div>
  );
}
