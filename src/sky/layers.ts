/** The layers of one sky view: what each holds and how to (re)build it in Aladin Lite. */
import type {
  AladinStyle,
  IAladin,
  IAladinLayer,
  IAladinSource,
  IAladinStatic
} from 'aladin-lite';
import { LARGE_CATALOGUE, LargeCatalogue } from './largeCatalogue';
import { escapeMarkup } from './markup';
import { SkyTable } from './rows';
import { SourceCanvas } from './sourceCanvas';
import { addInChunks, buildSources, rawRow } from './sources';
import { colourAt, scaleOf, sizeAt } from './styleBy';
import {
  ISkyLayerInfo,
  ISkyLayerStyle,
  ISkyTableColumns,
  SkyLayerKind
} from './tokens';

export const DEFAULT_COLOURS = [
  '#ff9900',
  '#00c8ff',
  '#ff3d7f',
  '#7cfc00',
  '#ffd700',
  '#c77dff'
];

export { ID_KEY, RAW_ID, RAW_ROW } from './sources';

export interface ICatalogueData {
  columns: ISkyTableColumns;
  /** The table, in columns or records as it came: records are only made for small catalogues. */
  table: SkyTable;
}

export interface ILayer extends ISkyLayerInfo {
  /** The Aladin object (Catalog, Overlay, MOC) or, for images, the image-layer name. */
  handle: IAladinLayer | string | null;
  catalogue?: ICatalogueData;
  regions?: string[];
  moc?: Record<string, number[]>;
  path?: string;
  /** Sources of a catalogue by id, for programmatic selection. */
  sourcesById?: Map<string, IAladinSource>;
  /** A catalogue's sources still being added (one chunk per frame); true once all are in. */
  adding?: Promise<boolean>;
  /** A large catalogue (LARGE_CATALOGUE rows and more), drawn on the view's source canvas, not by Aladin. */
  large?: LargeCatalogue;
}

let counter = 0;

export function newLayerId(kind: SkyLayerKind): string {
  counter += 1;
  return `${kind}-${counter}`;
}

export function defaultStyle(
  index: number,
  kind: SkyLayerKind
): ISkyLayerStyle {
  const color = DEFAULT_COLOURS[index % DEFAULT_COLOURS.length];
  if (kind === 'catalogue') {
    return { color, size: 8 };
  }
  if (kind === 'moc') {
    return { color, opacity: 0.3 };
  }
  if (kind === 'image') {
    return { opacity: 1 };
  }
  return { color };
}

/** Build the Aladin object of a layer and add it to the view. */
export function attachLayer(
  A: IAladinStatic,
  aladin: IAladin,
  canvas: SourceCanvas,
  layer: ILayer
): void {
  const style = layer.style;
  switch (layer.kind) {
    case 'catalogue': {
      const { columns, table } = layer.catalogue!;
      if (table.length >= LARGE_CATALOGUE) {
        // Typed arrays drawn by us: one Aladin object per source is what made 100,000 sources take seconds.
        const large = new LargeCatalogue(columns, table, style);
        layer.large = large;
        layer.count = large.count;
        layer.handle = null;
        canvas.add(large.drawn);
        // the id look-up, made while nothing happens: not on the first selection's way
        whenIdle(() => large.prepareIds());
        break;
      }
      // Names, columns and cells go to Aladin escaped (markup.ts): it builds HTML from them.
      const rows = table.records();
      const cat = A.catalog({
        name: escapeMarkup(layer.name),
        color: byColumn(rows, style.colorBy, t => colourAt(t), style.color),
        sourceSize: byColumn(
          rows,
          style.sizeBy,
          t => sizeAt(t, style.size ?? 8),
          style.size ?? 8
        ),
        shape: 'circle',
        onClick: 'showTable'
      });
      const { sources, byId } = buildSources(A, columns, rows);
      aladin.addCatalog(cat);
      layer.handle = cat;
      layer.sourcesById = byId;
      layer.count = sources.length;
      layer.adding = addInChunks(cat, sources, () => layer.handle === cat);
      break;
    }
    case 'footprints': {
      const overlay = A.graphicOverlay({
        name: escapeMarkup(layer.name),
        color: style.color,
        lineWidth: 2
      });
      aladin.addOverlay(overlay);
      let drawn = 0;
      for (const region of layer.regions ?? []) {
        try {
          const shapes = A.footprintsFromSTCS(region, { color: style.color });
          if (shapes && shapes.length) {
            overlay.addFootprints(shapes);
            drawn += 1;
          }
        } catch {
          // Counted below: the view reports how many regions could not be read.
        }
      }
      layer.handle = overlay;
      layer.count = drawn;
      break;
    }
    case 'moc': {
      const moc = A.MOCFromJSON(layer.moc ?? {}, {
        name: escapeMarkup(layer.name),
        color: style.color,
        opacity: style.opacity ?? 0.3,
        lineWidth: 2,
        adaptativeDisplay: false
      });
      aladin.addMOC(moc);
      layer.handle = moc;
      break;
    }
    case 'image':
      // Images are attached by the view (asynchronous load with callbacks).
      break;
  }
  if (!layer.visible) {
    setVisible(aladin, canvas, layer, false);
  }
}

/** A constant, or Aladin's per-source function of a column's value (the fallback for a missing value). */
function byColumn<T>(
  rows: Record<string, unknown>[],
  column: string | undefined,
  at: (t: number) => T,
  fallback: T
): AladinStyle<T> {
  if (!column || !rows.length || !(column in rows[0])) {
    return fallback;
  }
  const scale = scaleOf(rows, column);
  return (source: IAladinSource) => {
    const t = scale(rawRow(source)?.[column]);
    return t === null ? fallback : at(t);
  };
}

export function detachLayer(
  aladin: IAladin,
  canvas: SourceCanvas,
  layer: ILayer
): void {
  if (layer.large) {
    canvas.remove(layer.large.drawn);
    layer.large = undefined;
  } else if (layer.kind === 'image') {
    aladin.removeImageLayer(layer.id);
  } else if (layer.handle && typeof layer.handle !== 'string') {
    aladin.removeLayer(layer.handle);
  }
  layer.handle = null;
}

export function setVisible(
  aladin: IAladin,
  canvas: SourceCanvas,
  layer: ILayer,
  visible: boolean
): void {
  layer.visible = visible;
  if (layer.large) {
    layer.large.drawn.visible = visible;
    canvas.invalidate();
    return;
  }
  if (layer.kind === 'image') {
    const image = aladin.getOverlayImageLayer(layer.id);
    image?.setOpacity(visible ? (layer.style.opacity ?? 1) : 0);
    return;
  }
  if (layer.handle && typeof layer.handle !== 'string') {
    if (visible) {
      layer.handle.show();
    } else {
      layer.handle.hide();
    }
  }
}

/** Run `work` when the browser is idle (within a second at the latest). */
function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(work, { timeout: 1000 });
  } else {
    window.setTimeout(work, 0);
  }
}
