/**
 * The Activity plugin: one main-area view of every long-running job of every pillar, opened by a command
 * (palette, a button in the ESCAPE sidebar's header).
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  ToolbarButton,
  WidgetTracker
} from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { listIcon } from '@jupyterlab/ui-components';
import { insertCode } from '../common/insertCode';
import { lazy } from '../common/mainArea';
import {
  CommandIDs,
  EXTENSION_ID,
  IEscapeSidebar,
  PALETTE_CATEGORY
} from '../tokens';
import type { ActivityView } from './ActivityView';
import type { ActivityModel } from './model';
import { registerActivitySource } from './registry';
import { builtinSources } from './sources';

export const activityPlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:activity`,
  description:
    'Activity: every long-running job of every pillar, with state, progress, cancel and re-attach.',
  autoStart: true,
  optional: [
    ITranslator,
    ICommandPalette,
    ILayoutRestorer,
    INotebookTracker,
    IEscapeSidebar
  ],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    notebooks: INotebookTracker | null,
    sidebar: IEscapeSidebar | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyter_escape');
    const tracker = new WidgetTracker<MainAreaWidget<ActivityView>>({
      namespace: 'escape-activity'
    });
    builtinSources().forEach(registerActivitySource);
    let model: ActivityModel | null = null;

    app.commands.addCommand(CommandIDs.openActivity, {
      label: trans.__('Open Activity'),
      caption: trans.__(
        'Every long-running job (TAP, staging, rules, uploads, cross-matches) in one place'
      ),
      icon: args => (args.isPalette ? undefined : listIcon),
      execute: async () => {
        let widget = tracker.currentWidget;
        if (!widget || widget.isDisposed) {
          // The view and its model are loaded when Activity is first opened.
          const { ActivityView, ActivityModel } = await loadActivity();
          model = model && !model.isDisposed ? model : new ActivityModel(trans);
          const view = new ActivityView(model, trans, code =>
            insertCode(app, notebooks, code)
          );
          widget = new MainAreaWidget({ content: view });
          widget.id = view.id;
          widget.title.label = view.title.label;
          widget.title.caption = view.title.caption;
          widget.title.icon = listIcon;
          widget.title.closable = true;
          void tracker.add(widget);
          app.shell.add(widget, 'main');
        }
        app.shell.activateById(widget.id);
        return widget;
      }
    });
    palette?.addItem({
      command: CommandIDs.openActivity,
      category: PALETTE_CATEGORY
    });
    restorer?.restore(tracker, {
      command: CommandIDs.openActivity,
      name: () => 'activity'
    });
    sidebar?.addToolbarItem(
      'activity',
      new ToolbarButton({
        icon: listIcon,
        label: trans.__('Activity'),
        tooltip: trans.__('Open Activity: every long-running job in one place'),
        onClick: () => void app.commands.execute(CommandIDs.openActivity)
      })
    );
  }
};

/** The Activity view and model, in a chunk of their own (loaded once). */
const loadActivity = lazy(async () => ({
  ActivityView: (await import('./ActivityView')).ActivityView,
  ActivityModel: (await import('./model')).ActivityModel
}));
