/**
 * The Virtual Observatory pillar: a sidebar section, main-area views (registry search, TAP service with
 * ADQL editor and results grid, jobs, multi-service cone/SIA/SSA) and palette commands. The views are
 * loaded on first use so the eager bundle stays small.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, InputDialog, Sanitizer } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { insertCode } from '../common/insertCode';
import { lazy, mainAreaOpener } from '../common/mainArea';
import { LazySection } from '../components/LazySection';
import { ISkyViewer } from '../sky/tokens';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { voAPI } from './api';
import { IDalTarget, IVOContext } from './context';

export namespace VOCommandIDs {
  export const openSearch = 'escape:vo-open-search';
  export const newQuery = 'escape:vo-new-query';
  export const showJobs = 'escape:vo-show-jobs';
  export const multiSearch = 'escape:vo-multi-search';
}

export const voPlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:vo`,
  description:
    'Virtual Observatory: registry search, TAP/ADQL, jobs, cone/SIA/SSA, results grid and export.',
  autoStart: true,
  requires: [IEscapeSidebar],
  optional: [ITranslator, ICommandPalette, INotebookTracker, ISkyViewer],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    sky: ISkyViewer | null
  ) => {
    const ctx = voContext(
      app,
      translator ?? nullTranslator,
      sky,
      async code => {
        await insertCode(app, tracker, code);
      }
    );
    const section = new LazySection({
      label: ctx.trans.__('Virtual Observatory'),
      load: async () => new (await import('./VOSection')).VOSection(ctx),
      failure: error => ctx.trans.__('Could not load the VO section: %1', error)
    });
    sidebar.addSection(section, { rank: 200 });
    addCommands(ctx);
    for (const command of Object.values(VOCommandIDs)) {
      palette?.addItem({ command, category: PALETTE_CATEGORY });
    }
  }
};

/** What every VO view gets: translations, opening the other views (loaded on first use), inserting code. */
function voContext(
  app: JupyterFrontEnd,
  translator: ITranslator,
  sky: ISkyViewer | null,
  insertCode: (code: string) => Promise<void>
): IVOContext {
  const trans = translator.load('jupyter_escape');
  const show = mainAreaOpener(
    app,
    lazy(() => import('./views')),
    error => trans.__('Could not open the VO view: %1', error)
  );

  const ctx: IVOContext = {
    app,
    translator,
    trans,
    sanitizer: new Sanitizer(),
    sky,
    openRegistry: keywords => {
      void show('registry', v => new v.RegistryView(ctx)).then(
        w => keywords && w.search(keywords)
      );
    },
    openService: (url, title) => {
      // One tab per access URL: several registry resources (a DaCHS site's tables) share one TAP URL, so
      // a tab opened for one of them is re-used for the next: it must then carry the name asked for now.
      void show(`service ${url}`, v => new v.ServiceView(ctx, url, title)).then(
        w => {
          if (title) {
            w.title.label = title;
          }
        }
      );
    },
    openJobs: () => {
      void show(
        'jobs',
        v =>
          new v.JobsView(
            ctx,
            job =>
              void show(
                `service ${job.service_url}`,
                vv => new vv.ServiceView(ctx, job.service_url)
              ).then(w => w.showJob(job))
          )
      );
    },
    openDal: (targets?: IDalTarget[]) => {
      void show('dal', v => new v.DalView(ctx, targets)).then(w =>
        targets ? w.addTargets(targets) : undefined
      );
    },
    insertCode
  };
  return ctx;
}

/** The palette commands: registry search, a new ADQL query, the jobs, the multi-service search. */
function addCommands(ctx: IVOContext): void {
  const { app, trans } = ctx;
  app.commands.addCommand(VOCommandIDs.openSearch, {
    label: trans.__('Open VO Registry Search'),
    caption: trans.__('Find Virtual Observatory services and data'),
    execute: args => ctx.openRegistry((args.keywords as string) ?? '')
  });
  app.commands.addCommand(VOCommandIDs.newQuery, {
    label: trans.__('New ADQL Query'),
    caption: trans.__('Open a TAP service and write an ADQL query'),
    execute: async args => {
      let url = args.url as string | undefined;
      if (!url) {
        const reply = await voAPI.services().catch(() => null);
        const configured = reply?.services.find(
          s => s.kind === 'tap' && /^https?:/.test(s.url)
        );
        const result = await InputDialog.getText({
          title: trans.__('TAP service URL'),
          text: configured?.url ?? reply?.registry_url ?? '',
          okLabel: trans.__('Open')
        });
        if (!result.button.accept || !result.value) {
          return;
        }
        url = result.value.trim();
      }
      ctx.openService(url, args.title as string | undefined);
    }
  });
  app.commands.addCommand(VOCommandIDs.showJobs, {
    label: trans.__('Show VO Jobs'),
    caption: trans.__('Asynchronous TAP jobs of every service'),
    execute: () => ctx.openJobs()
  });
  app.commands.addCommand(VOCommandIDs.multiSearch, {
    label: trans.__('VO Cone/SIA/SSA Search of Several Services'),
    execute: () => ctx.openDal()
  });
}
