/**
 * aladin-lite ships no type declarations. These describe the part of Aladin Lite 3.8 the sky view uses
 * (engine.ts loads it; layers.ts, sources.ts, resolver.ts, renderOnDemand.ts and the view call it), so the
 * calls are checked rather than `any`. Import the types with `import type`: the module itself stays lazy.
 */
declare module 'aladin-lite' {
  /** A catalogue source: a position and its row; Aladin shows `data` (as HTML) when it is clicked. */
  export interface IAladinSource {
    ra: number;
    dec: number;
    data?: Record<string, unknown>;
    catalog?: IAladinCatalog;
    getCatalog?(): IAladinCatalog | undefined;
  }

  export interface IAladinSourceClass {
    new (
      ra: number,
      dec: number,
      data?: Record<string, unknown>
    ): IAladinSource;
  }

  /** A per-source style: a constant, or a function of the source. */
  export type AladinStyle<T> = T | ((source: IAladinSource) => T);

  /** A catalogue, graphic overlay or MOC: what `removeLayer` takes. */
  export interface IAladinLayer {
    name?: string;
    show(): void;
    hide(): void;
  }

  export interface IAladinCatalog extends IAladinLayer {
    addSources(sources: IAladinSource[]): void;
  }

  export interface IAladinOverlay extends IAladinLayer {
    addFootprints(shapes: unknown[]): void;
  }

  /** An image layer (HiPS survey or FITS image). */
  export interface IAladinImageLayer {
    setOpacity(opacity: number): void;
  }

  /** The view; the fields after `requestRedraw` are internals the render gate (renderOnDemand.ts) relies on. */
  export interface IAladinView {
    selectObjects(groups: IAladinSource[][]): void;
    unselectObjects(): void;
    /** The selected sources (by catalogue), null when none is. */
    selection?: IAladinSource[][] | null;
    requestRedraw?(): void;
    redraw?(time: number): void;
    redrawClbk?: (time: number) => void;
    wasm?: IAladinWasm;
    prevTime?: number;
    moving?: boolean;
    dragging?: boolean;
    pan?: unknown;
    zoomDelta?: number;
    needRedraw?: boolean;
    /** Draws the 2-D overlays (catalogues, footprints) when the picture may have changed; the source canvas follows it. */
    drawAllOverlays?: (...args: unknown[]) => void;
    catalogCanvas?: HTMLCanvasElement;
    width?: number;
    height?: number;
    fov?: number;
    projection?: { id?: number | string };
    cooFrame?: { system?: number | string };
    /** The pointer's mode (pan, select, ...): a box selection is waiting for its drag while it is "select". */
    mode?: unknown;
    setMode?(mode: unknown): void;
  }

  /** The wasm side of the view: the batched projection the source canvas uses, and the view centre. */
  export interface IAladinWasm {
    isRendering?(): boolean;
    getCenter?(): ArrayLike<number>;
    /** Screen x, y pairs (CSS pixels) of each (ra, dec); 0 or NaN where a position is not on screen. */
    worldToScreenVec?(ra: Float64Array, dec: Float64Array): Float64Array;
  }

  /** What a click reports: a source, or a footprint holding one. */
  export type AladinClicked = IAladinSource & { source?: IAladinSource };

  /** The region a selection drew (CSS pixels of the view, as the projection gives them). */
  export interface IAladinSelectionShape {
    contains(point: { x: number; y: number }): boolean;
    bbox(): { x: number; y: number; w: number; h: number };
  }

  /** One catalogue's rows in Aladin's measurement table (the popup table a click on a source opens). */
  export interface IAladinMeasurement {
    name: string;
    color?: string;
    rows: Array<{ data: Record<string, unknown> }>;
    fields: Record<string, { name: string }>;
  }

  export interface IAladin {
    view: IAladinView;
    /** Enter Aladin's selection mode: the next drag draws the shape; `callback` gets it (then `select` fires). */
    select(
      mode: 'rect' | 'circle' | 'poly',
      callback: (shape: IAladinSelectionShape) => void
    ): Promise<void>;
    measurementTable?: {
      showMeasurement(tables: IAladinMeasurement[]): void;
      hide(): void;
    };
    setFoV(fov: number): void;
    gotoRaDec(ra: number, dec: number): void;
    gotoObject(
      target: string,
      callbacks: { success?: () => void; error?: () => void }
    ): void;
    setProjection(projection: string): void;
    setFrame(frame: string): void;
    setBaseImageLayer(layer: IAladinImageLayer): void;
    getOverlayImageLayer(name: string): IAladinImageLayer | null | undefined;
    displayFITS(
      url: string,
      options: { name: string },
      success: (ra: number, dec: number, fov: number) => void,
      error: (detail?: unknown) => void,
      layer: string
    ): void;
    addCatalog(catalog: IAladinCatalog): void;
    addOverlay(overlay: IAladinOverlay): void;
    addMOC(moc: IAladinLayer): void;
    removeLayer(layer: IAladinLayer): void;
    removeImageLayer(name: string): void;
    on(
      event: 'objectClicked',
      callback: (object: AladinClicked | null) => void
    ): void;
    on(event: 'select', callback: (groups: IAladinSource[][]) => void): void;
  }

  /** The `A` namespace. */
  export interface IAladinStatic {
    init: Promise<void>;
    aladin(host: HTMLElement, options: Record<string, unknown>): IAladin;
    source(
      ra: number,
      dec: number,
      data?: Record<string, unknown>
    ): IAladinSource;
    catalog(options: {
      name: string;
      color: AladinStyle<string | undefined>;
      sourceSize: AladinStyle<number>;
      shape: string;
      onClick: string;
    }): IAladinCatalog;
    graphicOverlay(options: {
      name: string;
      color?: string;
      lineWidth: number;
    }): IAladinOverlay;
    footprintsFromSTCS(stcs: string, options: { color?: string }): unknown[];
    MOCFromJSON(
      json: Record<string, number[]>,
      options: {
        name: string;
        color?: string;
        opacity: number;
        lineWidth: number;
        adaptativeDisplay: boolean;
      }
    ): IAladinLayer;
    imageHiPS(
      url: string,
      options: { name: string; errorCallback: () => void }
    ): IAladinImageLayer;
  }

  const A: IAladinStatic;
  export default A;
}
