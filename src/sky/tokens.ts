/**
 * The sky view's public interface. The VO results grid, the basket and the notebook API talk to sky views
 * through `ISkyViewer` only.
 */
import { Token } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';
import { EXTENSION_ID } from '../tokens';

/** MIME type the Python API (`jupyter_escape.sky`) publishes; one command per output. */
export const SKY_MIME_TYPE = 'application/vnd.escape.sky+json';

export namespace SkyCommandIDs {
  export const open = 'escape:open-sky-view';
}

/** Which columns of a table hold the position (degrees, ICRS) and, optionally, a row id and an s_region. */
export interface ISkyTableColumns {
  ra: string;
  dec: string;
  /** Column identifying a row for selection sync; the row index when absent. */
  id?: string;
  /** ObsCore `s_region` (STC-S) column: each row's footprint is drawn too. */
  region?: string;
}

/** Rows as records, or as columns (`{ra: [...], dec: [...]}`, e.g. from an Arrow table's children). */
export type SkyRows =
  Record<string, unknown>[] | Record<string, ArrayLike<unknown>>;

export interface ISkyLayerStyle {
  /** CSS colour. */
  color?: string;
  /** Source size in pixels (catalogues). */
  size?: number;
  /** Catalogues: a numeric column giving each source's colour (a viridis-like scale over its range). */
  colorBy?: string;
  /** Catalogues: a numeric column giving each source's size (3 px to twice `size`). */
  sizeBy?: string;
  /** 0..1 (MOCs, images). */
  opacity?: number;
  /** Catalogues: leave the view where it is (by default a new catalogue recentres and zooms on its sources). */
  keepView?: boolean;
}

export type SkyLayerKind = 'catalogue' | 'footprints' | 'moc' | 'image';

export interface ISkyLayerInfo {
  id: string;
  name: string;
  kind: SkyLayerKind;
  visible: boolean;
  style: ISkyLayerStyle;
  /** Rows, cells or regions shown. */
  count: number;
}

/** A selection made in a sky view (click, or box selection) or through `select()`. */
export interface ISkySelection {
  /** Layer (catalogue) id and name. */
  layer: string;
  layerName: string;
  /** Values of the table's id column (or row indices). */
  ids: Array<string | number>;
  /** The selected rows. */
  rows: Record<string, unknown>[];
  /** 'view': the user selected in the sky; 'api': a `select()` call. */
  origin: 'view' | 'api';
}

/** A target: a name (resolved online by Sesame), "ra dec" in degrees or sexagesimal, or {ra, dec}. */
export type SkyTarget = string | { ra: number; dec: number };

export interface ISkyOpenOptions {
  /** Views are addressed by name; the default view is "main". */
  view?: string;
  target?: SkyTarget;
  fov?: number;
  /** Survey id (local HiPS id, configured id) or HiPS URL. */
  survey?: string;
  /** Bring the view to the front (default true). */
  activate?: boolean;
}

export interface ISkySurvey {
  id: string;
  title: string;
  /** Absolute HiPS URL, without a trailing slash. */
  url: string;
  origin: 'local' | 'settings' | 'registry';
}

/**
 * Drives the sky views. Every method acts on the view named in `options.view`, else the last active one,
 * else opens "main". Calls made while a view is still loading are queued in order.
 */
export interface ISkyViewer {
  open(options?: ISkyOpenOptions): Promise<void>;
  goTo(target: SkyTarget, fov?: number, view?: string): Promise<void>;
  /** Show a table as a catalogue layer; resolves to the layer id. An empty table is reported, not drawn. */
  showTable(
    name: string,
    columns: ISkyTableColumns,
    rows: SkyRows,
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string>;
  /** ObsCore s_region footprints (STC-S POLYGON / CIRCLE / BOX). */
  showFootprints(
    name: string,
    regions: string[],
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string>;
  /**
   * A MOC: inline JSON (`{"order": [ipix...]}`), or a file under the server root (MOC FITS/JSON, or a HEALPix
   * probability sky map shown at `credibleLevel`, default 0.9).
   */
  showMOC(
    name: string,
    source: {
      json?: Record<string, number[]>;
      path?: string;
      credibleLevel?: number;
    },
    style?: ISkyLayerStyle,
    view?: string
  ): Promise<string>;
  /** A FITS image under the server root (workspace or data-lake download). */
  showFITS(name: string, path: string, view?: string): Promise<string>;
  removeLayer(id: string, view?: string): Promise<void>;
  layers(view?: string): ISkyLayerInfo[];
  /** Select sources of a catalogue layer (id or name) by id; an empty list clears the selection. */
  select(
    layer: string,
    ids: Array<string | number>,
    view?: string
  ): Promise<void>;
  /** Add a survey to the choosers (e.g. a HiPS found in the registry). */
  addSurvey(
    survey: Omit<ISkySurvey, 'origin'> & { origin?: ISkySurvey['origin'] }
  ): void;
  readonly selectionChanged: ISignal<ISkyViewer, ISkySelection>;
  /** Shorthand for connecting to `selectionChanged`; dispose to disconnect. */
  onSelection(callback: (selection: ISkySelection) => void): IDisposable;
}

export const ISkyViewer = new Token<ISkyViewer>(
  `${EXTENSION_ID}:ISkyViewer`,
  'Sky views (Aladin Lite): show tables, footprints, MOCs and FITS images; two-way selection.'
);
