/**
 * The sky pillar: Aladin Lite sky views in the main area (loaded on demand), the `ISkyViewer` service other
 * pillars use, the "Open Sky View" command, and the renderer of commands sent by `jupyter_escape.sky`.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { CommandQueue, SkyCommandRenderer } from './mime';
import { SKY_RANK, SkySection } from './section';
import { DEFAULT_SETTINGS, ISkySettings, SkyViewerService } from './service';
import { ISkyViewer, SKY_MIME_TYPE, SkyCommandIDs } from './tokens';
import type { SkyPanel } from './widget';

export * from './tokens';

export const SKY_PLUGIN_ID = `${EXTENSION_ID}:sky`;

export const skyPlugin: JupyterFrontEndPlugin<ISkyViewer> = {
  id: SKY_PLUGIN_ID,
  description:
    'Aladin Lite sky views: tables, footprints, MOCs, FITS images, selection sync.',
  autoStart: true,
  provides: ISkyViewer,
  optional: [
    ITranslator,
    ICommandPalette,
    ISettingRegistry,
    IRenderMimeRegistry,
    ILayoutRestorer,
    IEscapeSidebar
  ],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    rendermime: IRenderMimeRegistry | null,
    restorer: ILayoutRestorer | null,
    sidebar: IEscapeSidebar | null
  ): ISkyViewer => {
    const trans = (translator ?? nullTranslator).load('jupyter_escape');
    const tracker = new WidgetTracker<MainAreaWidget<SkyPanel>>({
      namespace: 'escape-sky'
    });
    const viewer = new SkyViewerService(app, trans, tracker);

    app.commands.addCommand(SkyCommandIDs.open, {
      label: trans.__('Open Sky View'),
      caption: trans.__('Open an Aladin Lite sky view'),
      execute: args =>
        viewer.open({
          view: (args.view as string) || undefined,
          target: (args.target as string) || undefined,
          fov: typeof args.fov === 'number' ? args.fov : undefined,
          survey: (args.survey as string) || undefined
        })
    });
    palette?.addItem({
      command: SkyCommandIDs.open,
      category: PALETTE_CATEGORY
    });
    if (restorer) {
      void restorer.restore(tracker, {
        command: SkyCommandIDs.open,
        args: widget => ({ view: widget.content.viewName }),
        name: widget => widget.content.viewName
      });
    }

    if (settingRegistry) {
      settingRegistry
        .load(SKY_PLUGIN_ID)
        .then(settings => {
          const apply = () => {
            viewer.settings = {
              ...DEFAULT_SETTINGS,
              ...(settings.composite as unknown as Partial<ISkySettings>)
            };
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason =>
          console.error(
            'jupyter-escape: could not load the sky settings.',
            reason
          )
        );
    }

    if (rendermime) {
      const queue = new CommandQueue(viewer);
      rendermime.addFactory(
        {
          // Not "safe": an untrusted notebook shows the text receipt only and never drives the view.
          safe: false,
          mimeTypes: [SKY_MIME_TYPE],
          defaultRank: 50,
          createRenderer: options =>
            new SkyCommandRenderer(options, trans, queue)
        },
        50
      );
    }
    sidebar?.addSection(new SkySection(viewer, trans), {
      rank: SKY_RANK,
      collapsed: true
    });
    return viewer;
  }
};
