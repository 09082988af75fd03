/**
 * The plots pillar: linked plots of any table (command `escape:open-plot`, the notebook's `jupyter_escape.plot`),
 * and the shared row selection (`ILinkedSelections`) that the grid, the plots, the sky and SAMP all follow.
 * The panel code loads on first use and plotly.js with the first chart: neither is in the eager bundle.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { lazy } from '../common/mainArea';
import { EXTENSION_ID } from '../tokens';
import { askPlotData, hasAxes, plotsAPI } from './api';
import { PlotCommandRenderer } from './mime';
import {
  ILinkedSelections,
  IPlotSource,
  linkedSelections,
  SelectionRegistry
} from './selection';
import { IPlotSpec, PLOT_MIME_TYPE, PlotCommandIDs } from './tokens';
import type { PlotPanel } from './PlotPanel';

export * from './selection';
export * from './tokens';

/** Keep the latest selection on the server for `jupyter_escape.plot.selection()`, at most every 300 ms. */
function keepForKernel(registry: SelectionRegistry): void {
  let timer = 0;
  registry.changed.connect(() => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const s = registry.last;
      if (s) {
        plotsAPI
          .keepSelection('main', s.source, s.rows, s.origin ?? 'view')
          .catch(error =>
            console.warn(
              'jupyter-escape: selection not kept for the kernel',
              error
            )
          );
      }
    }, 300);
  });
}

export const plotsPlugin: JupyterFrontEndPlugin<SelectionRegistry> = {
  id: `${EXTENSION_ID}:plots`,
  description:
    'Linked plots (scatter, histogram, density) and the row selection shared with the grid and the sky.',
  autoStart: true,
  provides: ILinkedSelections,
  optional: [ITranslator, IRenderMimeRegistry],
  activate: (
    app: JupyterFrontEnd,
    translator: ITranslator | null,
    rendermime: IRenderMimeRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyter_escape');
    const views = lazy(() => import('./views'));
    const open = new Map<string, MainAreaWidget<PlotPanel>>();
    let counter = 0;

    const openPlot = async (
      source: IPlotSource,
      title: string,
      spec?: IPlotSpec,
      view?: string
    ) => {
      const name = view ?? `plot-${++counter}`;
      const selection = linkedSelections.get(source, title);
      const shown = () => {
        const widget = open.get(name);
        return widget &&
          !widget.isDisposed &&
          widget.content.model.selection === selection &&
          spec
          ? widget
          : null;
      };
      // A new plot with its axes given asks for its bins and columns now, while the panel's code loads.
      const first =
        spec && hasAxes(spec) && !shown()
          ? askPlotData(source, spec, selection.rows, true)
          : undefined;
      const v = await views();
      let widget = shown();
      if (widget && spec) {
        first?.controller.abort();
        await widget.content.model.setSpec(spec);
      } else {
        open.get(name)?.dispose();
        const model = new v.PlotModel(selection, spec);
        widget = new MainAreaWidget({
          content: new v.PlotPanel(model, name, trans)
        });
        widget.id = `jp-escape-plot-${name}-${Date.now()}`;
        widget.title.label = trans.__('Plot: %1', title);
        widget.title.closable = true;
        widget.disposed.connect(() => model.dispose());
        open.set(name, widget);
        app.shell.add(widget, 'main', { mode: 'split-bottom' });
        void model.init(first);
      }
      app.shell.activateById(widget.id);
    };

    app.commands.addCommand(PlotCommandIDs.open, {
      label: trans.__('Plot Table'),
      caption: trans.__(
        'Scatter, histogram or density plot of a table, linked to the grid and the sky'
      ),
      execute: args =>
        openPlot(
          args.source as unknown as IPlotSource,
          (args.title as string) || trans.__('table'),
          args.spec as unknown as IPlotSpec | undefined,
          (args.view as string) || undefined
        )
    });
    rendermime?.addFactory(
      {
        safe: false, // an untrusted notebook shows the text receipt only
        mimeTypes: [PLOT_MIME_TYPE],
        defaultRank: 50,
        createRenderer: () =>
          new PlotCommandRenderer(trans, cmd =>
            openPlot(
              cmd.source,
              cmd.source.table ??
                cmd.source.item ??
                cmd.source.path ??
                cmd.source.kind,
              cmd.spec,
              cmd.view
            )
          )
      },
      50
    );
    keepForKernel(linkedSelections);
    return linkedSelections;
  }
};
