/**
 * The research basket pillar: the sidebar section (rank 150, under Services), the `IEscapeBasket` service
 * other pillars add to, main-area views loaded on demand (item table, provenance, SQL console, cross-match),
 * the file browser's "Add to Research Basket", and the notebook save/restore commands.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { insertCode } from '../common/insertCode';
import { EscapeAPIError } from '../handler';
import { ISkyViewer } from '../sky/tokens';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { basketAPI, XMatchRef } from './api';
import { BasketSection } from './BasketSection';
import { IBasketContext } from './context';
import { BasketModel } from './model';
import { ClusterModel } from './cluster';
import {
  basketBlock,
  ensureSavedBlock,
  readBlock,
  writeBlock
} from './notebookBasket';
import { BasketCommandIDs, BasketKind, IEscapeBasket } from './tokens';

export * from './tokens';

type Views = typeof import('./views');

/** Also a command, so code without the token (or a keyboard shortcut) can add: args = {kind, payload, title?, group?}. */
export const ADD_COMMAND = 'escape:basket-add';

export const basketPlugin: JupyterFrontEndPlugin<IEscapeBasket> = {
  id: `${EXTENSION_ID}:basket`,
  description:
    'Research basket: items, groups, notes, workspace database, cross-match, provenance.',
  autoStart: true,
  provides: IEscapeBasket,
  requires: [IEscapeSidebar],
  optional: [
    ITranslator,
    ICommandPalette,
    INotebookTracker,
    ISkyViewer,
    IDefaultFileBrowser
  ],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    sky: ISkyViewer | null,
    browser: IDefaultFileBrowser | null
  ): IEscapeBasket => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyter_escape');
    let views: Promise<Views> | null = null;
    const load = () => (views ??= import('./views'));
    const open = new Map<string, Widget>();
    const model = new BasketModel({ reveal: () => sidebar.reveal(section) });

    const show = <W extends Widget>(
      key: string,
      make: (v: Views) => W
    ): Promise<W> =>
      load()
        .then(v => {
          let widget = open.get(key) as W | undefined;
          if (!widget || widget.isDisposed) {
            widget = make(v);
            open.set(key, widget);
            app.shell.add(widget, 'main');
          }
          app.shell.activateById(widget.id);
          return widget;
        })
        .catch(error => {
          Notification.error(
            trans.__('Could not open the basket view: %1', String(error))
          );
          throw error;
        });

    const ctx: IBasketContext = {
      app,
      translator,
      trans,
      model,
      cluster: new ClusterModel(),
      sky,
      openTable: item =>
        void show(`table ${item.id}`, v => new v.ItemTableView(ctx, item)),
      openProvenance: item =>
        void show(`prov ${item.id}`, v => new v.ProvenanceView(ctx, item)),
      openConsole: sql =>
        void show('sql', v => new v.SQLConsole(ctx, sql)).then(w => {
          if (sql) {
            w.setSQL(sql);
            void w.run();
          }
        }),
      openCrossmatch: (left?: XMatchRef, right?: XMatchRef) =>
        void show('xmatch', v => new v.XMatchView(ctx, left, right)).then(w =>
          w.setInputs(left, right)
        ),
      insertCode: async code => {
        await insertCode(app, tracker, code);
      }
    };

    const section = new BasketSection(ctx);
    sidebar.addSection(section, { rank: 150 });

    app.commands.addCommand(BasketCommandIDs.open, {
      label: trans.__('Open the Research Basket'),
      execute: () => model.reveal()
    });
    app.commands.addCommand(ADD_COMMAND, {
      label: trans.__('Add to the Research Basket'),
      execute: async args => {
        const item = await model.add({
          kind: args.kind as BasketKind,
          payload: args.payload as Record<string, any>,
          title: (args.title as string) || undefined,
          group: (args.group as string) || undefined,
          notes: (args.notes as string) || undefined
        });
        return item;
      }
    });
    app.commands.addCommand(BasketCommandIDs.addFile, {
      label: args =>
        args.isContextMenu
          ? trans.__('Add to Research Basket')
          : trans.__('Add Workspace File to the Research Basket'),
      caption: trans.__('Add the selected file(s) to the research basket'),
      isVisible: () => !!browser,
      execute: async args => {
        const paths: string[] = args.path ? [args.path as string] : [];
        if (!paths.length && browser) {
          for (const entry of browser.selectedItems()) {
            if (entry.type !== 'directory') {
              paths.push(entry.path);
            }
          }
        }
        if (!paths.length) {
          Notification.warning(
            trans.__('Select a file in the file browser first')
          );
          return;
        }
        for (const path of paths) {
          try {
            await model.add({
              kind: 'workspace_file',
              payload: { path },
              title: path.split('/').pop() || path
            });
          } catch (error) {
            Notification.error(
              errorText(error, trans.__('Could not add %1', path))
            );
            return;
          }
        }
        Notification.success(
          trans.__('Added %1 file(s) to the basket', paths.length),
          {
            autoClose: 3000,
            actions: [
              { label: trans.__('Show'), callback: () => model.reveal() }
            ]
          }
        );
      }
    });
    if (browser) {
      app.contextMenu.addItem({
        command: BasketCommandIDs.addFile,
        args: { isContextMenu: true },
        selector: '.jp-DirListing-item[data-isdir="false"]',
        rank: 61
      });
    }
    app.commands.addCommand(BasketCommandIDs.sqlConsole, {
      label: trans.__('Open the Workspace Database Console'),
      caption: trans.__('SQL on the workspace database (DuckDB)'),
      execute: args => ctx.openConsole((args.sql as string) || undefined)
    });
    app.commands.addCommand(BasketCommandIDs.crossmatch, {
      label: trans.__('Cross-match Two Tables'),
      caption: trans.__(
        'Positional cross-match of basket items, workspace tables or files'
      ),
      execute: args =>
        ctx.openCrossmatch(
          (args.left as XMatchRef | undefined) ?? undefined,
          (args.right as XMatchRef | undefined) ?? undefined
        )
    });

    const current = () => tracker?.currentWidget ?? null;
    app.commands.addCommand(BasketCommandIDs.saveToNotebook, {
      label: trans.__('Save the Basket into This Notebook'),
      caption: trans.__(
        'Store the basket (items, groups, small row sets) in the notebook metadata'
      ),
      isEnabled: () => !!current(),
      execute: async () => {
        const panel = current();
        if (!panel) {
          Notification.warning(trans.__('Open a notebook first'));
          return;
        }
        try {
          const block = await basketBlock();
          writeBlock(panel, block);
          Notification.success(
            trans.__(
              'Basket (%1 items) stored in %2; save the notebook to keep it',
              block.items.length,
              panel.context.path
            ),
            {
              autoClose: 6000,
              actions: [
                {
                  label: trans.__('Save now'),
                  callback: () => void panel.context.save()
                }
              ]
            }
          );
        } catch (error) {
          Notification.error(
            errorText(
              error,
              trans.__('Could not save the basket into the notebook')
            )
          );
        }
      }
    });
    app.commands.addCommand(BasketCommandIDs.restoreFromNotebook, {
      label: trans.__('Restore the Basket from This Notebook'),
      caption: trans.__(
        'Add the items stored in the notebook metadata to the basket'
      ),
      isEnabled: () => !!current(),
      execute: async () => {
        const panel = current();
        if (!panel) {
          Notification.warning(trans.__('Open a notebook first'));
          return;
        }
        const block = readBlock(panel);
        if (!block || block.items.length === 0) {
          Notification.warning(
            trans.__('%1 has no basket in its metadata', panel.context.path)
          );
          return;
        }
        const answer = await showDialog({
          title: trans.__('Restore the basket from %1', panel.context.path),
          body: trans.__(
            '%1 items. Keep the current basket and add them, or replace it?',
            block.items.length
          ),
          buttons: [
            Dialog.cancelButton({ label: trans.__('Cancel') }),
            Dialog.warnButton({
              label: trans.__('Replace'),
              actions: ['replace']
            }),
            Dialog.okButton({ label: trans.__('Add to basket') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          if (!(await ensureSavedBlock(panel, trans))) {
            return;
          }
          const mode = answer.button.actions.includes('replace')
            ? 'replace'
            : 'merge';
          const result = await basketAPI.loadNotebook(panel.context.path, mode);
          await model.refresh();
          const text = `${trans._n('%1 item restored', '%1 items restored', result.added)}, ${trans.__(
            '%1 already there',
            result.skipped
          )}`;
          if (result.problems.length) {
            Notification.warning(
              `${text}. ${trans.__('Problems:')} ${result.problems.join('; ')}`
            );
          } else {
            Notification.success(text, { autoClose: 4000 });
          }
          model.reveal();
        } catch (error) {
          Notification.error(
            errorText(error, trans.__('Could not restore the basket'))
          );
        }
      }
    });
    for (const command of Object.values(BasketCommandIDs)) {
      palette?.addItem({ command, category: PALETTE_CATEGORY });
    }
    tracker?.currentChanged.connect(() => {
      app.commands.notifyCommandChanged(BasketCommandIDs.saveToNotebook);
      app.commands.notifyCommandChanged(BasketCommandIDs.restoreFromNotebook);
    });
    return model;
  }
};

/** "<service> says: <message>" for server errors, the message otherwise. */
function errorText(error: unknown, context: string): string {
  if (error instanceof EscapeAPIError) {
    return `${context}: ${error.service ? `${error.service}: ` : ''}${error.message}`;
  }
  return `${context}: ${(error as Error)?.message ?? String(error)}`;
}
