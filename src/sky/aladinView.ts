/**
 * The glue between a sky view and Aladin Lite: creating the Aladin instance (no call home, no control that
 * queries remote services by itself), moving it, its base survey, building and removing layers, FITS images,
 * selecting sources, and reporting clicks and box selections back as sources of our layers.
 */
import type {
  AladinClicked,
  IAladin,
  IAladinSource,
  IAladinStatic
} from 'aladin-lite';
import { IDisposable } from '@lumino/disposable';
import { fileURL } from './api';
import { loadAladin } from './engine';
import { attachLayer, detachLayer, ILayer, setVisible } from './layers';
import { escapeMarkup } from './markup';
import { shownRow } from './sources';
import { IRenderGate, renderOnDemand } from './renderOnDemand';
import { ICanvasLayer, SourceCanvas } from './sourceCanvas';
import { ISkySurvey } from './tokens';

export interface IAladinViewOptions {
  host: HTMLElement;
  surveys: readonly ISkySurvey[];
  /** The survey URL to start on. */
  survey?: string;
  /** Degrees ("ra dec") Aladin can go to by itself; names are resolved afterwards. */
  target?: string;
  fov: number;
  projection: string;
  /** Sources the user picked in the view (a click or a box), in groups of one catalogue each. */
  onPicked: (groups: IAladinSource[][]) => void;
  /** Sources of a large catalogue (drawn on our source canvas) were picked: one clicked, or those in a box. */
  onPickedLarge: (
    drawn: ICanvasLayer,
    indices: number[],
    click: boolean
  ) => void;
  /** A box selection started (the next drag draws it) or ended. */
  onSelecting: (on: boolean) => void;
}

/** The Aladin Lite options of a view: offline, and only the controls that act locally. */
function aladinOptions(options: IAladinViewOptions): Record<string, unknown> {
  return {
    survey: options.survey,
    hipsList: options.surveys.map(s => ({
      id: s.id,
      name: escapeMarkup(s.title),
      url: s.url
    })),
    fov: options.fov,
    target: options.target,
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
  };
}

export class AladinView implements IDisposable {
  /** Load Aladin Lite (once per page) and start it in `options.host`. */
  static async create(options: IAladinViewOptions): Promise<AladinView> {
    const A = await loadAladin();
    return new AladinView(A, options);
  }

  private constructor(
    readonly A: IAladinStatic,
    options: IAladinViewOptions
  ) {
    this.aladin = A.aladin(options.host, aladinOptions(options));
    this.sources = new SourceCanvas(this.aladin, (drawn, index) =>
      options.onPickedLarge(drawn, [index], true)
    );
    this._options = options;
    this._unwatchClicks = this.sources.watchClicks(options.host);
    // Frames only while something changes: an idle sky costs no CPU (software WebGL on hubs).
    this._gate = renderOnDemand(this.aladin, options.host);
    this.aladin.on('objectClicked', (object: AladinClicked | null) => {
      if (object) {
        options.onPicked([[object.source ?? object]]);
      }
    });
    this.aladin.on('select', (groups: IAladinSource[][]) =>
      options.onPicked((groups ?? []).filter(group => group.length > 0))
    );
  }

  readonly aladin: IAladin;
  /** Large catalogues, drawn by us above Aladin's canvas. */
  readonly sources: SourceCanvas;

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Restart frames after a change Aladin cannot see (selection made from code). */
  wake(): void {
    this._gate?.wake();
  }

  /** Draw again (the view was hidden). */
  redraw(): void {
    this._gate?.wake();
    this.aladin.view?.requestRedraw?.();
  }

  goToRaDec(ra: number, dec: number, fov?: number): void {
    this.aladin.gotoRaDec(ra, dec);
    if (fov !== undefined) {
      this.aladin.setFoV(fov);
    }
  }

  /** Sexagesimal coordinates, which Aladin Lite parses itself (no resolver); rejects with `failure`. */
  goToCoordinates(text: string, failure: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.aladin.gotoObject(text, {
        success: () => resolve(),
        error: () => reject(new Error(failure))
      });
    });
  }

  /** Make `url` the base survey; `onError` when its files cannot be loaded. */
  setSurvey(url: string, title: string, onError: () => void): void {
    const hips = this.A.imageHiPS(url, {
      name: escapeMarkup(title),
      errorCallback: onError
    });
    this.aladin.setBaseImageLayer(hips);
  }

  attach(layer: ILayer): void {
    attachLayer(this.A, this.aladin, this.sources, layer);
  }

  detach(layer: ILayer): void {
    detachLayer(this.aladin, this.sources, layer);
  }

  setVisible(layer: ILayer, visible: boolean): void {
    setVisible(this.aladin, this.sources, layer, visible);
  }

  /**
   * A box selection, as Aladin Lite's selection tool (its context menu's, which this view hides): the next drag
   * draws a box; Aladin reports the small catalogues' sources in it (`select`), the source canvas those of the
   * large ones. Asked again while waiting for the drag, it is cancelled.
   */
  async selectBox(): Promise<void> {
    const view = this.aladin.view;
    if (this._selecting) {
      this._endSelecting();
      view.setMode?.(this._panMode);
      return;
    }
    this._panMode = view.mode;
    await this.aladin.select('rect', shape => {
      this._endSelecting();
      for (const { layer, indices } of this.sources.within(shape)) {
        this._options.onPickedLarge(layer, indices, false);
      }
    });
    this._selecting = true;
    this._options.onSelecting(true);
    this._gate?.wake();
    // Aladin leaves its selection mode by itself too (the pointer left the view): the button follows.
    const host = this._options.host;
    const check = () =>
      window.setTimeout(() => {
        if (this._selecting && view.mode === this._panMode) {
          this._endSelecting();
        }
      }, 0);
    host.addEventListener('pointerup', check);
    host.addEventListener('pointerleave', check);
    this._unwatchSelecting = () => {
      host.removeEventListener('pointerup', check);
      host.removeEventListener('pointerleave', check);
    };
  }

  /** Show the row of source `index` of a large catalogue in Aladin's popup table, as a click on a small one does. */
  showRow(layer: ILayer, index: number): void {
    const large = layer.large;
    const table = this.aladin.measurementTable;
    if (!large || !table) {
      return;
    }
    const data = shownRow(large.rowOfSource(index), large.idOf(index));
    const fields: Record<string, { name: string }> = {};
    for (const name of Object.keys(data)) {
      fields[name] = { name };
    }
    table.showMeasurement([
      {
        name: escapeMarkup(layer.name),
        color: layer.style.color,
        rows: [{ data }],
        fields
      }
    ]);
  }

  /** Apply a layer's new style: images take an opacity, large catalogues are recoloured in place (their
   * selection stays), the rest are rebuilt (Aladin styles at creation). */
  restyle(layer: ILayer): void {
    if (layer.large) {
      layer.large.restyle(layer.style);
      this.sources.invalidate();
      this._gate?.wake();
    } else if (layer.kind === 'image') {
      this.aladin
        .getOverlayImageLayer(layer.id)
        ?.setOpacity(layer.style.opacity ?? 1);
    } else {
      detachLayer(this.aladin, this.sources, layer);
      attachLayer(this.A, this.aladin, this.sources, layer);
    }
  }

  /** Display a workspace FITS image as layer `layer.id`, centred on it; rejects with Aladin's reason. */
  loadImage(layer: ILayer): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.aladin.displayFITS(
          fileURL(layer.path!),
          { name: escapeMarkup(layer.name) },
          (ra: number, dec: number, fov: number) => {
            this.goToRaDec(ra, dec, fov);
            layer.handle = layer.id;
            layer.count = 1;
            resolve();
          },
          detail => reject(detail ?? null),
          layer.id
        );
      } catch (error) {
        reject(error ?? null);
      }
    });
  }

  /** Select `sources` in the view ([] clears). */
  selectSources(sources: IAladinSource[]): void {
    this.sources.select(null);
    if (sources.length === 0) {
      this.aladin.view.unselectObjects();
    } else {
      this.aladin.view.selectObjects([sources]);
    }
    this._gate?.wake();
  }

  /**
   * Select sources `indices` of a large catalogue (the only selection in the view then). The source canvas
   * draws the rings itself: Aladin draws a frame (its whole WebGL sky) only if it had a selection to clear.
   */
  selectLarge(layer: ILayer, indices: number[]): void {
    const view = this.aladin.view;
    if (view.selection) {
      view.unselectObjects();
      this._gate?.wake();
    } else {
      this.aladin.measurementTable?.hide(); // what unselectObjects does besides
    }
    this.sources.select(layer.large?.drawn ?? null, indices);
  }

  /** The catalogue layer a source of the view belongs to. */
  layerOfSource(
    layers: readonly ILayer[],
    source: IAladinSource
  ): ILayer | undefined {
    const catalog = source?.catalog ?? source?.getCatalog?.();
    return layers.find(
      l =>
        l.kind === 'catalogue' &&
        (l.handle === catalog || escapeMarkup(l.name) === catalog?.name)
    );
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._unwatchSelecting();
    this._unwatchClicks();
    this.sources.dispose();
    this._gate?.dispose();
    this._gate = null;
  }

  private _endSelecting(): void {
    this._selecting = false;
    this._unwatchSelecting();
    this._unwatchSelecting = () => undefined;
    this._options.onSelecting(false);
  }

  private _gate: IRenderGate | null;
  private _options: IAladinViewOptions;
  private _unwatchClicks: () => void;
  private _selecting = false;
  private _panMode: unknown = undefined;
  private _unwatchSelecting: () => void = () => undefined;
  private _disposed = false;
}
