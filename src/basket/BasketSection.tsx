/**
 * The "Research basket" section of the ESCAPE sidebar: items grouped, with notes, actions and removal with
 * undo. Kept fresh (long poll) only while the section is on screen. The basket is the BasketModel's; what the
 * section shows besides (the expanded item, the action under way) is the BasketSectionModel's.
 */
import { InputDialog, ReactWidget } from '@jupyterlab/apputils';
import { IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { BasketGroup } from './BasketGroup';
import { BasketToolbar } from './BasketToolbar';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { BasketSectionModel } from './sectionModel';
import { IBasketItem } from './tokens';

export class BasketSection extends ReactWidget {
  constructor(private _ctx: IBasketContext) {
    super();
    this.addClass('jp-escape-BasketSection');
    this.title.label = _ctx.trans.__('Research basket');
    _ctx.model.changed.connect(() => this.update(), this);
  }

  readonly view = new BasketSectionModel();

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

  dispose(): void {
    this.view.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Basket ctx={this._ctx} view={this.view} />;
  }

  private _watch: IDisposable | null = null;
}

function Basket(props: {
  ctx: IBasketContext;
  view: BasketSectionModel;
}): JSX.Element {
  const { ctx, view } = props;
  const { model, trans } = ctx;
  useSignals([view.changed]);
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
    view.run(trans.__('Creating the group'), async () => {
      const result = await InputDialog.getText({
        title: trans.__('New basket group'),
        placeholder: trans.__('e.g. paper figures'),
        okLabel: trans.__('Create')
      });
      if (result.button.accept && result.value?.trim()) {
        await model.addGroup(result.value.trim());
      }
    });

  return (
    <div className="jp-escape-Basket">
      <BasketToolbar ctx={ctx} onNewGroup={() => void newGroup()} />
      {view.busy && <div role="status">{view.busy}…</div>}
      {view.error !== null && (
        <BasketError
          error={view.error}
          trans={trans}
          onDismiss={() => view.clearError()}
        />
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
          <BasketGroup
            key={section.name ?? ''}
            ctx={ctx}
            view={view}
            name={section.name}
            items={section.items}
          />
        )
      )}
    </div>
  );
}
