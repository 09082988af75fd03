/**
 * One sky view: a toolbar (target, field of view, projection, frame, survey), the Aladin Lite canvas, a
 * message line that always says why the sky is empty or what failed, and the layers list.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal, ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { fileURL } from './api';
import {
  FRAMES,
  PROJECTIONS,
  hasWebGL2,
  isObjectName,
  loadAladin,
  parseDegrees
} from './engine';
import {
  ID_KEY,
  RAW_ID,
  RAW_ROW,
  ILayer,
  attachLayer,
  defaultStyle,
  detachLayer,
  newLayerId,
  setVisible
} from './layers';
import { catalogueExtent } from './extent';
import { LayersList } from './layersview';
import { IRenderGate, renderOnDemand } from './renderOnDemand';
import { escapeMarkup } from './markup';
import { goToName } from './resolver';
import {
  ISkyLayerInfo,
  ISkyLayerStyle,
  ISkySelection,
  ISkySurvey,
  ISkyTableColumns,
  SkyLayerKind,
  SkyTarget
} from './tokens';
import { formatDegrees, formatPosition } from '../components/coordinates';

export type MessageKind = 'info' | 'warn' | 'error';

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
    this.viewName = options.name;
    this._trans = options.trans;
    this.addClass('jp-escape-Sky');
    this._surveys = options.surveys.slice();
    this._buildToolbar(options);
    this._message = document.createElement('div');
    this._message.className = 'jp-escape-Sky-message';
    this._message.setAttribute('role', 'status');
    this._message.setAttribute('aria-live', 'polite');
    const body = document.createElement('div');
    body.className = 'jp-escape-Sky-body';
    this._host = document.createElement('div');
    this._host.className = 'jp-escape-Sky-aladin';
    this._host.setAttribute('aria-label', this._trans.__('Sky view'));
    this._layersList = new LayersList({
      trans: this._trans,
      onVisible: (id, visible) => this.setLayerVisible(id, visible),
      onStyle: (id, style) => this.restyleLayer(id, style),
      onRemove: id => this.removeLayer(id),
      onZoom: id => this.zoomToLayer(id)
    });
    this._selectionLine = document.createElement('div');
    this._selectionLine.className = 'jp-escape-Sky-selection';
    this._selectionLine.setAttribute('aria-live', 'polite');
    const side = document.createElement('div');
    side.className = 'jp-escape-Sky-side';
    side.append(this._layersList.node, this._selectionLine);
    body.append(this._host, side);
    this.node.append(this._toolbar, this._message, body);
    void this._init(options);
  }

  readonly viewName: string;

  /** Resolves once Aladin Lite is running in this view; rejects (with the reason shown) if it cannot. */
  get ready(): Promise<void> {
    return this._ready.promise;
  }

  get selectionChanged(): ISignal<this, ISkySelection> {
    return this._selectionChanged;
  }

  get layers(): ISkyLayerInfo[] {
    return this._layers.map(({ id, name, kind, visible, style, count }) => ({
      id,
      name,
      kind,
      visible,
      style: { ...style },
      count
    }));
  }

  showMessage(kind: MessageKind, text: string): void {
    this._message.textContent = text;
    this._message.dataset.kind = kind;
    this._message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this._message.hidden = !text;
  }

  async goTo(target: SkyTarget, fov?: number): Promise<void> {
    await this.ready;
    if (fov !== undefined && fov > 0) {
      this._aladin.setFoV(fov);
      this._fovInput.value = String(fov);
    }
    if (typeof target !== 'string') {
      this._aladin.gotoRaDec(target.ra, target.dec);
      this._showTarget(target.ra, target.dec);
      return;
    }
    const text = target.trim();
    if (!text) {
      return;
    }
    this._targetInput.value = text;
    const degrees = parseDegrees(text);
    if (degrees) {
      this._aladin.gotoRaDec(degrees.ra, degrees.dec);
      return;
    }
    if (isObjectName(text)) {
      const note = await goToName(this._aladin, text, this._trans);
      if (note) {
        this.showMessage('warn', note);
      }
      return;
    }
    // Sexagesimal coordinates: Aladin Lite parses them itself, without a resolver.
    await new Promise<void>((resolve, reject) => {
      this._aladin.gotoObject(text, {
        success: () => resolve(),
        error: () =>
          reject(
            new Error(
              this._trans.__(
                'Cannot read "%1" as coordinates: use "ra dec" in degrees or sexagesimal.',
                text
              )
            )
          )
      });
    });
  }

  async showTable(
    name: string,
    columns: ISkyTableColumns,
    rows: Record<string, unknown>[],
    style?: ISkyLayerStyle
  ): Promise<string> {
    await this.ready;
    if (rows.length === 0) {
      throw new Error(
        this._trans.__('Table "%1" has no rows: nothing to show.', name)
      );
    }
    const sample = rows[0];
    for (const key of [columns.ra, columns.dec]) {
      if (!(key in sample)) {
        throw new Error(
          this._trans.__(
            'Table "%1" has no column "%2" (columns: %3).',
            name,
            key,
            Object.keys(sample).join(', ')
          )
        );
      }
    }
    const layer = this._newLayer('catalogue', name, style);
    layer.catalogue = { columns, rows };
    this._attach(layer);
    const skipped = rows.length - layer.count;
    if (layer.count === 0) {
      this._dropLayer(layer);
      throw new Error(
        this._trans.__(
          'Table "%1": no row has numeric positions in columns %2 / %3.',
          name,
          columns.ra,
          columns.dec
        )
      );
    }
    if (!style?.keepView) {
      // A new catalogue is what the user wants to see: centre and zoom on it (it may be far from the view).
      this._fitCatalogue(layer);
    }
    if (columns.region) {
      const regions = rows
        .map(row => row[columns.region!])
        .filter((r): r is string => typeof r === 'string' && r.length > 0);
      if (regions.length) {
        await this.showFootprints(`${name} (s_region)`, regions, {
          color: layer.style.color
        });
      }
    }
    this.showMessage(
      skipped ? 'warn' : 'info',
      skipped
        ? this._trans._n(
            'Showing %2 sources of "%3"; %1 row without a numeric position was skipped.',
            'Showing %2 sources of "%3"; %1 rows without a numeric position were skipped.',
            skipped,
            layer.count,
            name
          )
        : this._trans.__('Showing %1 sources of "%2".', layer.count, name)
    );
    return layer.id;
  }

  async showFootprints(
    name: string,
    regions: string[],
    style?: ISkyLayerStyle
  ): Promise<string> {
    await this.ready;
    if (regions.length === 0) {
      throw new Error(
        this._trans.__('"%1" has no regions: nothing to show.', name)
      );
    }
    const layer = this._newLayer('footprints', name, style);
    layer.regions = regions;
    this._attach(layer);
    const bad = regions.length - layer.count;
    if (layer.count === 0) {
      this._dropLayer(layer);
      throw new Error(
        this._trans.__(
          'None of the %1 regions of "%2" could be read as STC-S (POLYGON, CIRCLE, BOX).',
          regions.length,
          name
        )
      );
    }
    this.showMessage(
      bad ? 'warn' : 'info',
      bad
        ? this._trans._n(
            'Showing %2 footprints of "%3"; %1 region could not be read.',
            'Showing %2 footprints of "%3"; %1 regions could not be read.',
            bad,
            layer.count,
            name
          )
        : this._trans.__('Showing %1 footprints of "%2".', layer.count, name)
    );
    return layer.id;
  }

  async showMOCJSON(
    name: string,
    moc: Record<string, number[]>,
    style?: ISkyLayerStyle,
    note?: string
  ): Promise<string> {
    await this.ready;
    const cells = Object.values(moc).reduce((n, v) => n + v.length, 0);
    if (cells === 0) {
      throw new Error(this._trans.__('MOC "%1" is empty.', name));
    }
    const layer = this._newLayer('moc', name, style);
    layer.moc = moc;
    layer.count = cells;
    this._attach(layer);
    this.showMessage('info', note ?? this._trans.__('Showing MOC "%1".', name));
    return layer.id;
  }

  async showFITS(name: string, path: string): Promise<string> {
    await this.ready;
    const layer = this._newLayer('image', name, undefined);
    layer.path = path;
    this._layers.push(layer);
    await this._loadImage(layer);
    this._layersList.update(this._layers);
    this.showMessage('info', this._trans.__('Showing FITS image "%1".', name));
    return layer.id;
  }

  removeLayer(id: string): void {
    const layer = this._find(id);
    if (layer) {
      this._dropLayer(layer);
    }
  }

  setLayerVisible(id: string, visible: boolean): void {
    const layer = this._find(id);
    if (layer && this._aladin) {
      setVisible(this._aladin, layer, visible);
      this._layersList.update(this._layers);
    }
  }

  restyleLayer(id: string, style: ISkyLayerStyle): void {
    const layer = this._find(id);
    if (!layer || !this._aladin) {
      return;
    }
    layer.style = { ...layer.style, ...style };
    if (layer.kind === 'image') {
      this._aladin
        .getOverlayImageLayer(layer.id)
        ?.setOpacity(layer.style.opacity ?? 1);
    } else {
      // Aladin objects take their style at creation: rebuild the layer (keeps its place in our list).
      detachLayer(this._aladin, layer);
      attachLayer(this._A, this._aladin, layer);
    }
    this._layersList.update(this._layers);
  }

  zoomToLayer(id: string): void {
    const layer = this._find(id);
    if (!layer || !this._aladin) {
      return;
    }
    if (layer.kind === 'catalogue' && layer.catalogue) {
      this._fitCatalogue(layer);
    }
  }

  /** The target field shows degrees at 1e-5 (what it parses back); its tooltip adds sexagesimal. */
  private _showTarget(ra: number, dec: number): void {
    this._targetInput.value = formatDegrees(ra, dec);
    this._targetInput.title = formatPosition(ra, dec);
  }

  /** Centre on a catalogue and zoom so that all its sources are in the field. */
  private _fitCatalogue(layer: ILayer): void {
    const { columns, rows } = layer.catalogue!;
    const extent = catalogueExtent(
      rows.map(r => r[columns.ra]),
      rows.map(r => r[columns.dec])
    );
    if (!extent) {
      return;
    }
    this._aladin.gotoRaDec(extent.ra, extent.dec);
    this._aladin.setFoV(extent.fov);
    this._fovInput.value = String(Number(extent.fov.toPrecision(4)));
    this._showTarget(extent.ra, extent.dec);
    this.node.dataset.centre = JSON.stringify(extent);
  }

  /** Select sources of a catalogue layer by id (reverse of a click in the view); [] clears. */
  async select(layerRef: string, ids: Array<string | number>): Promise<void> {
    await this.ready;
    const layer = this._layers.find(
      l => l.kind === 'catalogue' && (l.id === layerRef || l.name === layerRef)
    );
    if (!layer) {
      throw new Error(
        this._trans.__('No catalogue layer "%1" in this sky view.', layerRef)
      );
    }
    const sources = ids
      .map(id => layer.sourcesById?.get(String(id)))
      .filter(s => !!s);
    if (sources.length === 0) {
      this._aladin.view.unselectObjects();
    } else {
      this._aladin.view.selectObjects([sources]);
    }
    this._renderGate?.wake();
    this._reportSelection(layer, sources, 'api');
  }

  setSurvey(id: string): void {
    const survey = this._surveys.find(s => s.id === id || s.url === id);
    const url = survey?.url ?? id;
    this._surveySelect.value = survey?.id ?? '';
    if (!this._aladin) {
      return;
    }
    try {
      const hips = this._A.imageHiPS(url, {
        name: escapeMarkup(survey?.title ?? url),
        errorCallback: () => this._surveyFailed(survey?.title ?? url, url)
      });
      this._aladin.setBaseImageLayer(hips);
    } catch (error) {
      this.showMessage('error', String(error));
    }
  }

  addSurvey(survey: ISkySurvey): void {
    if (this._surveys.some(s => s.id === survey.id)) {
      return;
    }
    this._surveys.push(survey);
    this._fillSurveys();
  }

  protected onAfterShow(): void {
    this._renderGate?.wake();
    this._aladin?.view?.requestRedraw?.();
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
    Signal.clearData(this);
    this._renderGate?.dispose();
    this._renderGate = null;
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
    try {
      this._A = await loadAladin();
    } catch (error) {
      this._fail(
        this._trans.__('Aladin Lite could not be loaded: %1', String(error))
      );
      return;
    }
    const survey =
      this._surveys.find(
        s => s.id === options.survey || s.url === options.survey
      ) ?? this._surveys[0];
    const target =
      typeof options.target === 'object'
        ? `${options.target.ra} ${options.target.dec}`
        : parseDegrees(options.target ?? '')
          ? options.target
          : undefined;
    this._aladin = this._A.aladin(this._host, {
      survey: survey?.url ?? options.survey,
      hipsList: this._surveys.map(s => ({
        id: s.id,
        name: escapeMarkup(s.title),
        url: s.url
      })),
      fov: options.fov,
      target,
      projection: options.projection,
      cooFrame: 'ICRSd',
      // No call home, and no control that queries remote services on its own.
      log: false,
      showReticle: true,
      showLayersControl: false,
      showGotoControl: false,
      showSimbadPointerControl: false,
      showShareControl: false,
      showSettingsControl: false,
      showContextMenu: false,
      showProjectionControl: false,
      showFrame: false,
      showFullscreenControl: false,
      showCooGridControl: true,
      showZoomControl: true,
      showStatusBar: true
    });
    // Frames only while something changes: an idle sky costs no CPU (software WebGL on hubs).
    this._renderGate = renderOnDemand(this._aladin, this._host);
    this._aladin.on('objectClicked', (object: any) => this._onClicked(object));
    this._aladin.on('select', (groups: any[][]) => this._onBoxSelected(groups));
    if (survey) {
      this._surveySelect.value = survey.id;
      this.showMessage('info', '');
    } else {
      this.showMessage(
        'warn',
        this._trans.__(
          'No HiPS survey is available offline. Generate the local one with `stack/escape-stack up hips`, set SkyConfig.hips_dirs on the server, or add surveys in Settings > ESCAPE Sky view.'
        )
      );
    }
    this._ready.resolve();
    if (typeof options.target === 'string' && !target && options.target) {
      this.goTo(options.target).catch(error =>
        this.showMessage('error', error.message)
      );
    }
  }

  /** A survey that cannot be loaded: say so, and fall back to a local survey so the sky is not left blank. */
  private _surveyFailed(title: string, url: string): void {
    // A local survey that fails is reported, never replaced by another one (no loop between two broken ones).
    const failedIsLocal = this._surveys.some(
      s => s.origin === 'local' && s.url === url
    );
    const local = failedIsLocal
      ? undefined
      : this._surveys.find(s => s.origin === 'local');
    const reason = this._trans.__(
      'The survey "%1" could not be loaded from %2 (no internet access, moved, or not a HiPS).',
      title,
      url
    );
    if (!local) {
      this.showMessage('error', reason);
      return;
    }
    this.setSurvey(local.id);
    this.showMessage(
      'warn',
      this._trans.__(
        '%1 Showing the local survey "%2" instead.',
        reason,
        local.title
      )
    );
  }

  private _fail(text: string): void {
    this.showMessage('error', text);
    this._host.classList.add('jp-mod-failed');
    this._ready.reject(new Error(text));
    // Nobody may be awaiting `ready` yet: the message on screen is the report.
    this._ready.promise.catch(() => undefined);
  }

  private _buildToolbar(options: ISkyPanelOptions): void {
    const trans = this._trans;
    const bar = document.createElement('form');
    bar.className = 'jp-escape-Sky-toolbar';
    bar.setAttribute('aria-label', trans.__('Sky view controls'));
    bar.addEventListener('submit', event => {
      event.preventDefault();
      const fov = parseFloat(this._fovInput.value);
      this.showMessage('info', '');
      this.goTo(
        this._targetInput.value,
        Number.isFinite(fov) ? fov : undefined
      ).catch(error => this.showMessage('error', error.message));
    });
    this._targetInput = labelled(bar, trans.__('Target'), 'input', {
      type: 'text',
      placeholder: trans.__('name or ra dec (deg)'),
      className: 'jp-mod-styled jp-escape-Sky-target'
    }) as HTMLInputElement;
    if (typeof options.target === 'object') {
      this._showTarget(options.target.ra, options.target.dec);
    } else {
      this._targetInput.value = options.target ?? '';
    }
    this._fovInput = labelled(bar, trans.__('FoV (°)'), 'input', {
      type: 'number',
      className: 'jp-mod-styled jp-escape-Sky-fov'
    }) as HTMLInputElement;
    this._fovInput.min = '0.0001';
    this._fovInput.max = '360';
    this._fovInput.step = 'any';
    this._fovInput.value = String(options.fov);
    const go = document.createElement('button');
    go.type = 'submit';
    go.className = 'jp-mod-styled jp-mod-accept jp-escape-Sky-go';
    go.textContent = trans.__('Go');
    bar.append(go);

    this._projectionSelect = labelled(bar, trans.__('Projection'), 'select', {
      className: 'jp-mod-styled'
    }) as HTMLSelectElement;
    for (const p of PROJECTIONS) {
      this._projectionSelect.append(
        new Option(p, p, p === options.projection, p === options.projection)
      );
    }
    this._projectionSelect.addEventListener('change', () =>
      this._aladin?.setProjection(this._projectionSelect.value)
    );
    const frame = labelled(bar, trans.__('Frame'), 'select', {
      className: 'jp-mod-styled'
    }) as HTMLSelectElement;
    for (const f of FRAMES) {
      frame.append(new Option(f, f, f === 'ICRSd', f === 'ICRSd'));
    }
    frame.addEventListener('change', () => this._aladin?.setFrame(frame.value));
    this._surveySelect = labelled(bar, trans.__('Survey'), 'select', {
      className: 'jp-mod-styled jp-escape-Sky-survey'
    }) as HTMLSelectElement;
    this._surveySelect.addEventListener('change', () =>
      this.setSurvey(this._surveySelect.value)
    );
    this._toolbar = bar;
    this._fillSurveys();
  }

  private _fillSurveys(): void {
    const select = this._surveySelect;
    const current = select.value;
    select.replaceChildren();
    const groups: Record<ISkySurvey['origin'], string> = {
      local: this._trans.__('Local HiPS'),
      settings: this._trans.__('Configured'),
      registry: this._trans.__('From the registry')
    };
    for (const origin of ['local', 'settings', 'registry'] as const) {
      const surveys = this._surveys.filter(s => s.origin === origin);
      if (!surveys.length) {
        continue;
      }
      const group = document.createElement('optgroup');
      group.label = groups[origin];
      for (const s of surveys) {
        group.append(new Option(s.title, s.id));
      }
      select.append(group);
    }
    if (!this._surveys.length) {
      select.append(new Option(this._trans.__('(no survey available)'), ''));
    }
    select.value = current || (this._surveys[0]?.id ?? '');
  }

  private _newLayer(
    kind: SkyLayerKind,
    name: string,
    style?: ISkyLayerStyle
  ): ILayer {
    return {
      id: newLayerId(kind),
      name,
      kind,
      visible: true,
      style: { ...defaultStyle(this._layers.length, kind), ...(style ?? {}) },
      count: 0,
      handle: null
    };
  }

  private _attach(layer: ILayer): void {
    attachLayer(this._A, this._aladin, layer);
    this._layers.push(layer);
    this._layersList.update(this._layers);
  }

  private _dropLayer(layer: ILayer): void {
    if (this._aladin) {
      detachLayer(this._aladin, layer);
    }
    this._layers = this._layers.filter(l => l !== layer);
    this._layersList.update(this._layers);
  }

  private _find(id: string): ILayer | undefined {
    return this._layers.find(l => l.id === id || l.name === id);
  }

  private _loadImage(layer: ILayer): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (detail?: unknown) => {
        this._layers = this._layers.filter(l => l !== layer);
        this._layersList.update(this._layers);
        reject(
          new Error(
            this._trans.__(
              'The FITS image "%1" could not be displayed%2',
              layer.name,
              detail ? `: ${String(detail)}` : '.'
            )
          )
        );
      };
      try {
        this._aladin.displayFITS(
          fileURL(layer.path!),
          { name: escapeMarkup(layer.name) },
          (ra: number, dec: number, fov: number) => {
            this._aladin.gotoRaDec(ra, dec);
            this._aladin.setFoV(fov);
            layer.handle = layer.id;
            layer.count = 1;
            resolve();
          },
          fail,
          layer.id
        );
      } catch (error) {
        fail(error);
      }
    });
  }

  private _layerOfSource(source: any): ILayer | undefined {
    const catalog = source?.catalog ?? source?.getCatalog?.();
    return this._layers.find(
      l =>
        l.kind === 'catalogue' &&
        (l.handle === catalog || escapeMarkup(l.name) === catalog?.name)
    );
  }

  private _onClicked(object: any): void {
    if (!object) {
      return;
    }
    const source = object.source ?? object;
    const layer = this._layerOfSource(source);
    if (layer) {
      this._reportSelection(layer, [source], 'view');
    }
  }

  private _onBoxSelected(groups: any[][]): void {
    for (const group of groups ?? []) {
      const layer = group.length ? this._layerOfSource(group[0]) : undefined;
      if (layer) {
        this._reportSelection(layer, group, 'view');
      }
    }
  }

  private _reportSelection(
    layer: ILayer,
    sources: any[],
    origin: 'view' | 'api'
  ): void {
    // The rows and ids as given, not the escaped copies Aladin displays (layers.ts keeps both on each source).
    const rows = sources.map(s => {
      const row: Record<string, unknown> = { ...(s[RAW_ROW] ?? s.data ?? {}) };
      delete row[ID_KEY];
      return row;
    });
    const ids = sources.map(s => s[RAW_ID] ?? s.data?.[ID_KEY]);
    this._selectionLine.textContent = ids.length
      ? this._trans._n(
          'Selected %1 source in "%2": %3',
          'Selected %1 sources in "%2": %3',
          ids.length,
          layer.name,
          ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '')
        )
      : '';
    this.node.dataset.selection = JSON.stringify({
      layer: layer.name,
      ids,
      origin
    });
    this._selectionChanged.emit({
      layer: layer.id,
      layerName: layer.name,
      ids,
      rows,
      origin
    });
  }

  private _trans: TranslationBundle;
  private _A: any = null;
  private _aladin: any = null;
  private _renderGate: IRenderGate | null = null;
  private _ready = new PromiseDelegate<void>();
  private _host: HTMLDivElement;
  private _message: HTMLDivElement;
  private _selectionLine: HTMLDivElement;
  private _toolbar!: HTMLFormElement;
  private _targetInput!: HTMLInputElement;
  private _fovInput!: HTMLInputElement;
  private _projectionSelect!: HTMLSelectElement;
  private _surveySelect!: HTMLSelectElement;
  private _layersList: LayersList;
  private _layers: ILayer[] = [];
  private _surveys: ISkySurvey[];
  private _selectionChanged = new Signal<this, ISkySelection>(this);
}

/** An input or select with a visible label, appended to `parent`. */
function labelled(
  parent: HTMLElement,
  text: string,
  tag: 'input' | 'select',
  props: { type?: string; placeholder?: string; className: string }
): HTMLElement {
  const label = document.createElement('label');
  label.className = 'jp-escape-Sky-field';
  const span = document.createElement('span');
  span.textContent = text;
  const control = document.createElement(tag);
  control.className = props.className;
  if (tag === 'input') {
    (control as HTMLInputElement).type = props.type ?? 'text';
    if (props.placeholder) {
      (control as HTMLInputElement).placeholder = props.placeholder;
    }
  }
  label.append(span, control);
  parent.append(label);
  return control;
}
