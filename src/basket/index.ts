/**
 * The research basket pillar: the sidebar section (rank 150, under Services), the `IEscapeBasket` service
 * other pillars add to, main-area views loaded on demand (item table, provenance, SQL console, cross-match),
 * the file browser's "Add to Research Basket", and the notebook save/restore commands.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { insertCode } from '../common/insertCode';
import { LazySection } from '../components/LazySection';
import { lazy, mainAreaOpener } from '../common/mainArea';
import { ISkyViewer } from '../sky/tokens';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { XMatchRef } from './api';
import { IBasketContext } from './context';
import { BasketModel } from './model';
import { ClusterModel } from './cluster';
import { addNotebookCommands } from './notebookCommands';
import { errorText } from './errorText';
import { BasketCommandIDs, BasketKind, IEscapeBasket } from './tokens';

export * from './tokens';

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
    const model = new BasketModel({ reveal: () => sidebar.reveal(section) });
    const show = mainAreaOpener(
      app,
      lazy(() => import('./views')),
      error => trans.__('Could not open the basket view: %1', error)
    );

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

    const section = new LazySection({
      label: trans.__('Research basket'),
      load: async () =>
        new (await import('./BasketSection')).BasketSection(ctx),
      failure: error => trans.__('Could not load the basket section: %1', error)
    });
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
          payload: args.payload as Record<string, unknown>,
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

    addNotebookCommands(app, ctx, tracker);
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
