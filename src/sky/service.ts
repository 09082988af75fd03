/** ISkyViewer: opens sky views in the main area, routes calls to them in order, relays selections. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { fetchMOC, inspectFile } from './api';
import { DEFAULT_SETTINGS, ISkySettings, SurveyList } from './surveyList';
// Type only: the view code (and Aladin Lite after it) loads when the first sky view opens.
import type { SkyPanel } from './widget';
import {
  ISkyLayerInfo,
  ISkyLayerStyle,
  ISkyOpenOptions,
  ISkySelection,
  ISkySurvey,
  ISkyTableColumns,
  ISkyViewer,
  SkyRows,
  SkyTarget
} from './tokens';

export { DEFAULT_SETTINGS } from './surveyList';
export type { ISkySettings } from './surveyList';

export const DEFAULT_VIEW = 'main';

export class SkyViewerService implements ISkyViewer {
  constructor(
    app: JupyterFrontEnd,
    trans: TranslationBundle,
    tracker: WidgetTracker<MainAreaWidget<SkyPanel>>
  ) {
    this._app = app;
    this._trans = trans;
    this.tracker = tracker;
  }

  readonly tracker: WidgetTracker<MainAreaWidget<SkyPanel>>;
  settings: ISkySettings = { ...DEFAULT_SETTINGS };

  get selectionChanged(): ISignal<this, ISkySelection> {
    return this._selectionChanged;
  }

  onSelection(callback: (selection: ISkySelection) => void): IDisposable {
    const slot = (_: unknown, selection: ISkySelection) => callback(selection);
    this._selectionChanged.connect(slot);
    return new DisposableDelegate(() =>
      this._selectionChanged.disconnect(slot)
    );
  }

  async open(options: ISkyOpenOptions = {}): Promise<void> {
    const panel = await this._panel(options.view, {
      activate: true,
      ...options
    });
    if (options.survey) {
      panel.setSurvey(options.survey);
    }
    if (options.target || options.fov) {
      await this._report(panel, panel.goTo(options.target ?? '', options.fov));
    }
  }

  async goTo(target: SkyTarget, fov?: number, view?: string): Promise<void> {
    const panel = await this._panel(view);
    await this._report(panel, panel.goTo(target, fov));
  }

  async showTable(
    name: string,
    columns: ISkyTableColumns,
    rows: SkyRows,
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string> {
    const panel = await this._panel(view);
    return this._report(panel, panel.showTable(name, columns, rows, style));
  }

  async showFootprints(
    name: string,
    regions: string[],
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string> {
    const panel = await this._panel(view);
    return this._report(panel, panel.showFootprints(name, regions, style));
  }

  async showMOC(
    name: string,
    source: {
      json?: Record<string, number[]>;
      path?: string;
      credibleLevel?: number;
    },
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string> {
    const panel = await this._panel(view);
    const work = async () => {
      if (source.json) {
        return panel.showMOCJSON(name, source.json, style);
      }
      if (!source.path) {
        throw new Error(
          this._trans.__('showMOC: give a MOC (json) or a path.')
        );
      }
      const reply = await fetchMOC(source.path, source.credibleLevel);
      const area = reply.area_sq_deg.toFixed(reply.area_sq_deg < 10 ? 2 : 0);
      const note =
        reply.kind === 'healpix-map'
          ? this._trans.__(
              'Showing the %1% credible region of the sky map "%2": %3 deg².',
              Math.round((reply.credible_level ?? 0.9) * 1000) / 10,
              name,
              area
            )
          : this._trans.__('Showing MOC "%1": %2 deg².', name, area);
      return panel.showMOCJSON(name, reply.moc, style, note);
    };
    return this._report(panel, work());
  }

  async showFITS(name: string, path: string, view?: string): Promise<string> {
    const panel = await this._panel(view);
    const work = async () => {
      const kind = await inspectFile(path);
      if (kind.kind === 'healpix-map') {
        // A sky map is not an image: show its credible region and say so, rather than fail.
        const id = await this.showMOC(
          name,
          { path },
          undefined,
          panel.viewName
        );
        panel.showMessage(
          'warn',
          this._trans.__(
            '%1 Shown as its 90% credible region (MOC) instead.',
            kind.message
          )
        );
        return id;
      }
      if (kind.kind === 'moc') {
        return this.showMOC(name, { path }, undefined, panel.viewName);
      }
      if (kind.kind !== 'image') {
        throw new Error(kind.message);
      }
      return panel.showFITS(name, path);
    };
    return this._report(panel, work());
  }

  async removeLayer(id: string, view?: string): Promise<void> {
    (await this._panel(view)).removeLayer(id);
  }

  layers(view?: string): ISkyLayerInfo[] {
    return this._existing(view)?.content.layers ?? [];
  }

  async select(
    layer: string,
    ids: Array<string | number>,
    view?: string
  ): Promise<void> {
    const panel = await this._panel(view);
    await this._report(panel, panel.select(layer, ids));
  }

  addSurvey(
    survey: Omit<ISkySurvey, 'origin'> & { origin?: ISkySurvey['origin'] }
  ): void {
    const full = this._surveys.add(survey);
    this.tracker.forEach(w => w.content.addSurvey(full));
  }

  /** Local HiPS (server) + configured (settings) + added (registry) surveys. */
  surveys(): Promise<ISkySurvey[]> {
    return this._surveys.list(this.settings);
  }

  /**
   * The named view, else the current one, else a new "main" view; waits until it runs Aladin Lite.
   * A new view opens beside the current document (split right) so a notebook driving it stays in view;
   * only `open` (the command) brings a view to the front and focuses it.
   */
  private async _panel(
    view?: string,
    options: ISkyOpenOptions = {}
  ): Promise<SkyPanel> {
    const activate = options.activate ?? false;
    let widget = this._existing(view);
    if (!widget) {
      const name = view ?? DEFAULT_VIEW;
      let pending = this._opening.get(name);
      if (!pending) {
        pending = this._create(name, { ...options, activate });
        this._opening.set(name, pending);
        pending.finally(() => this._opening.delete(name));
      }
      widget = await pending;
    } else if (!widget.isAttached) {
      this._app.shell.add(widget, 'main', { mode: 'split-right', activate });
    }
    if (activate) {
      this._app.shell.activateById(widget.id);
    }
    await widget.content.ready;
    return widget.content;
  }

  private _existing(view?: string): MainAreaWidget<SkyPanel> | undefined {
    if (view) {
      return this.tracker.find(w => w.content.viewName === view);
    }
    return this.tracker.currentWidget ?? this.tracker.find(() => true);
  }

  private async _create(
    name: string,
    options: ISkyOpenOptions
  ): Promise<MainAreaWidget<SkyPanel>> {
    const [surveys, { SkyPanel }] = await Promise.all([
      this.surveys(),
      import('./widget')
    ]);
    const panel = new SkyPanel({
      name,
      trans: this._trans,
      surveys,
      survey: options.survey ?? (this.settings.defaultSurvey || undefined),
      target:
        options.target ??
        (this.settings.defaultTarget || this._surveys.initial?.target),
      fov:
        options.fov ??
        (this.settings.defaultTarget
          ? undefined
          : this._surveys.initial?.fov) ??
        this.settings.defaultFov,
      projection: this.settings.projection
    });
    panel.selectionChanged.connect((_, selection) =>
      this._selectionChanged.emit(selection)
    );
    const widget = new MainAreaWidget({ content: panel });
    widget.id = `jp-escape-sky-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    widget.title.label =
      name === DEFAULT_VIEW
        ? this._trans.__('Sky')
        : this._trans.__('Sky: %1', name);
    widget.title.closable = true;
    widget.addClass('jp-escape-SkyWidget');
    this._app.shell.add(widget, 'main', {
      mode: 'split-right',
      activate: options.activate !== false
    });
    await this.tracker.add(widget);
    return widget;
  }

  /** Show a failure in the view that was asked, and still reject for the caller. */
  private async _report<T>(panel: SkyPanel, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      panel.showMessage('error', (error as Error).message ?? String(error));
      throw error;
    }
  }

  private _app: JupyterFrontEnd;
  private _trans: TranslationBundle;
  private _surveys = new SurveyList();
  private _opening = new Map<string, Promise<MainAreaWidget<SkyPanel>>>();
  private _selectionChanged = new Signal<this, ISkySelection>(this);
}
