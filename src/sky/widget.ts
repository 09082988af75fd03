/**
 * One sky view: a toolbar (target, field of view, projection, frame, survey), the Aladin Lite canvas, a
 * message line that always says why the sky is empty or what failed, and the layers list. The state is a
 * SkyModel (model.ts); Aladin Lite is driven through aladinView.ts; toolbar.ts and layersview.ts draw.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { markStep } from '../components/timing';
import { AladinView } from './aladinView';
import { hasWebGL2, parseDegrees } from './engine';
import { catalogueExtent } from './extent';
import { ILayer } from './layers';
import { MessageKind, SkyModel } from './model';
import { goToTarget } from './navigate';
import { SkyPanelBody } from './panelBody';
import { SkyTable } from './rows';
import { SkyToolbar } from './toolbar';
import {
  ISkyLayerInfo,
  ISkyLayerStyle,
  ISkySelection,
  ISkySurvey,
  ISkyTableColumns,
  SkyRows,
  SkyTarget
} from './tokens';
import { SkyLayers } from './viewLayers';
import { ViewSurvey } from './viewSurvey';

export type { MessageKind } from './model';

export interface ISkyPanelOptions {
  name: string;
  trans: TranslationBundle;
  surveys: ISkySurvey[];
  survey?: string;
  target?: SkyTarget;
  fov: number;
  projection: string;
}

export class SkyPanel extends Widget {
  constructor(options: ISkyPanelOptions) {
    super();
    this.addClass('jp-escape-Sky');
    this._trans = options.trans;
    this.model = new SkyModel(options.name, options.surveys);
    this._toolbar = new SkyToolbar({
      trans: this._trans,
      target: options.target,
      fov: options.fov,
      projection: options.projection,
      onGo: (target, fov) => {
        this.showMessage('info', '');
        this.goTo(target, fov).catch(error =>
          this.showMessage('error', error.message)
        );
      },
      onProjection: p => this._aladin?.aladin.setProjection(p),
      onFrame: f => this._aladin?.aladin.setFrame(f),
      onSurvey: id => this.setSurvey(id),
      onSelectBox: () => void this._aladin?.selectBox()
    });
    this._toolbar.setSurveys(this.model.surveys);
    this._body = new SkyPanelBody(this.model, this._trans, {
      onVisible: (id, visible) => this.setLayerVisible(id, visible),
      onStyle: (id, style) => this.restyleLayer(id, style),
      onRemove: id => this.removeLayer(id),
      onZoom: id => this.zoomToLayer(id)
    });
    this.node.append(this._toolbar.node, this._body.message, this._body.node);
    this.model.surveysChanged.connect(() =>
      this._toolbar.setSurveys(this.model.surveys)
    );
    this.model.selectionChanged.connect((_, selection) =>
      this._body.showSelection(this.node, selection)
    );
    this._layers = new SkyLayers(this.model, this._trans, () => this._aladin);
    this._survey = new ViewSurvey(
      this.model,
      this._toolbar,
      this._trans,
      () => this._aladin
    );
    void this._init(options);
  }

  readonly model: SkyModel;

  get viewName(): string {
    return this.model.viewName;
  }

  /** Resolves once Aladin Lite is running in this view; rejects (with the reason shown) if it cannot. */
  get ready(): Promise<void> {
    return this._ready.promise;
  }

  get selectionChanged(): ISignal<SkyModel, ISkySelection> {
    return this.model.selectionChanged;
  }

  get layers(): ISkyLayerInfo[] {
    return this.model.layerInfo();
  }

  showMessage(kind: MessageKind, text: string): void {
    this.model.setMessage(kind, text);
  }

  async goTo(target: SkyTarget, fov?: number): Promise<void> {
    await this.ready;
    const note = await goToTarget(
      this._aladin!,
      this._toolbar,
      this._trans,
      target,
      fov
    );
    if (note) {
      this.showMessage('warn', note);
    }
  }

  async showTable(
    name: string,
    columns: ISkyTableColumns,
    rows: SkyRows,
    style?: ISkyLayerStyle
  ): Promise<string> {
    await this.ready;
    const table = SkyTable.of(rows);
    const layer = this._layers.addCatalogue(name, columns, table, style);
    if (!style?.keepView) {
      // A new catalogue is what the user wants to see: centre and zoom on it (it may be far from the view).
      this._fitCatalogue(layer);
    }
    const regions = columns.region
      ? Array.from(table.column(columns.region)).filter(
          (r): r is string => typeof r === 'string' && r.length > 0
        )
      : [];
    if (regions.length) {
      await this.showFootprints(`${name} (s_region)`, regions, {
        color: layer.style.color
      });
    }
    this._layers.announceCatalogue(name, table.length, layer);
    markStep('sky-layer-added');
    return layer.id;
  }

  async showFootprints(
    name: string,
    regions: string[],
    style?: ISkyLayerStyle
  ): Promise<string> {
    await this.ready;
    return this._layers.addFootprints(name, regions, style).id;
  }

  async showMOCJSON(
    name: string,
    moc: Record<string, number[]>,
    style?: ISkyLayerStyle,
    note?: string
  ): Promise<string> {
    await this.ready;
    return this._layers.addMOC(name, moc, style, note).id;
  }

  async showFITS(name: string, path: string): Promise<string> {
    await this.ready;
    return (await this._layers.addImage(name, path)).id;
  }

  removeLayer(id: string): void {
    this._layers.remove(id);
  }

  setLayerVisible(id: string, visible: boolean): void {
    this._layers.setVisible(id, visible);
  }

  restyleLayer(id: string, style: ISkyLayerStyle): void {
    this._layers.restyle(id, style);
  }

  zoomToLayer(id: string): void {
    const layer = this.model.findLayer(id);
    if (layer?.kind === 'catalogue' && layer.catalogue && this._aladin) {
      this._fitCatalogue(layer);
    }
  }

  /** Select sources of a catalogue layer by id (reverse of a click in the view); [] clears. */
  async select(layerRef: string, ids: Array<string | number>): Promise<void> {
    await this.ready;
    const layer = this.model.findCatalogue(layerRef);
    if (!layer) {
      throw new Error(
        this._trans.__('No catalogue layer "%1" in this sky view.', layerRef)
      );
    }
    if (layer.large) {
      const indices = layer.large.indicesOf(ids);
      this._aladin!.selectLarge(layer, indices);
      markStep('sky-selected');
      this._layers.reportLarge(layer, indices, 'api');
      return;
    }
    const sources = ids
      .map(id => layer.sourcesById?.get(String(id)))
      .filter(s => !!s)
      .map(s => s!);
    this._aladin!.selectSources(sources);
    this.model.reportSelection(layer, sources, 'api');
  }

  setSurvey(id: string): void {
    this._survey.set(id);
  }

  addSurvey(survey: ISkySurvey): void {
    this.model.addSurvey(survey);
  }

  protected onAfterShow(): void {
    this._aladin?.redraw();
  }

  protected onResize(): void {
    // Narrow (e.g. split beside a notebook): layers go under the sky so the sky keeps the full width.
    // Aladin itself follows its div with a ResizeObserver.
    this.toggleClass(
      'jp-mod-narrow',
      this.node.offsetWidth > 0 && this.node.offsetWidth < 700
    );
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    this._aladin?.dispose();
    this._aladin = null;
    super.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private async _init(options: ISkyPanelOptions): Promise<void> {
    if (!hasWebGL2()) {
      this._fail(
        this._trans.__(
          'This browser cannot create a WebGL2 context, which Aladin Lite needs to draw the sky. Enable hardware acceleration or use a recent Chrome, Firefox or Safari.'
        )
      );
      return;
    }
    this.showMessage('info', this._trans.__('Loading Aladin Lite…'));
    const survey =
      this.model.findSurvey(options.survey) ?? this.model.surveys[0];
    const target =
      typeof options.target === 'object'
        ? `${options.target.ra} ${options.target.dec}`
        : parseDegrees(options.target ?? '')
          ? options.target
          : undefined;
    try {
      this._aladin = await AladinView.create({
        host: this._body.host,
        surveys: this.model.surveys,
        survey: survey?.url ?? options.survey,
        target,
        fov: options.fov,
        projection: options.projection,
        onPicked: groups => this._layers.picked(groups),
        onPickedLarge: (drawn, indices, click) =>
          this._layers.pickedLarge(drawn, indices, click),
        onSelecting: on => this._toolbar.setSelecting(on)
      });
    } catch (error) {
      this._fail(
        this._trans.__('Aladin Lite could not be loaded: %1', String(error))
      );
      return;
    }
    if (survey) {
      this._toolbar.setSurvey(survey.id);
      this.showMessage('info', '');
    } else {
      this.showMessage(
        'warn',
        this._trans.__(
          'No HiPS survey is available offline. Generate the local one with `stack/escape-stack up hips`, set SkyConfig.hips_dirs on the server, or add surveys in Settings > ESCAPE Sky view.'
        )
      );
    }
    markStep('sky-view-ready');
    this._ready.resolve();
    if (typeof options.target === 'string' && !target && options.target) {
      this.goTo(options.target).catch(error =>
        this.showMessage('error', error.message)
      );
    }
  }

  private _fail(text: string): void {
    this.showMessage('error', text);
    this._body.host.classList.add('jp-mod-failed');
    this._ready.reject(new Error(text));
    // Nobody may be awaiting `ready` yet: the message on screen is the report.
    this._ready.promise.catch(() => undefined);
  }

  /** Centre on a catalogue and zoom so that all its sources are in the field. */
  private _fitCatalogue(layer: ILayer): void {
    const { columns, table } = layer.catalogue!;
    const extent = catalogueExtent(
      table.column(columns.ra),
      table.column(columns.dec)
    );
    if (!extent) {
      return;
    }
    this._aladin!.goToRaDec(extent.ra, extent.dec, extent.fov);
    this._toolbar.setFov(Number(extent.fov.toPrecision(4)));
    this._toolbar.showTarget(extent.ra, extent.dec);
    this.node.dataset.centre = JSON.stringify(extent);
  }

  private _trans: TranslationBundle;
  private _toolbar: SkyToolbar;
  private _layers: SkyLayers;
  private _survey: ViewSurvey;
  private _aladin: AladinView | null = null;
  private _ready = new PromiseDelegate<void>();
  private _body: SkyPanelBody;
}
