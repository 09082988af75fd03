/**
 * Catalogue sources for Aladin Lite, built for large tables.
 *
 * Aladin keeps one Source object per row and shows `source.data` (as HTML) when a source is clicked. Escaping
 * every cell of 100,000 rows up front took ~1 s; here the escaped copy is made on first read of `data`, so a
 * source costs its position, its row and its id. Sources go to the catalogue in chunks, one per animation
 * frame, so the first ones are drawn while the rest are added.
 */
import type {
  IAladinCatalog,
  IAladinSource,
  IAladinSourceClass,
  IAladinStatic
} from 'aladin-lite';
import { displayRow, escapeMarkup } from './markup';
import { coordinate } from './rows';
import { ISkyTableColumns } from './tokens';

/** Row id used for selection sync, kept in each Aladin source's data. */
export const ID_KEY = '__escape_id';

/** The row and id as given (unescaped), kept on each Aladin source next to the escaped copy Aladin shows. */
export const RAW_ROW = '__escapeRow' as const;
export const RAW_ID = '__escapeId' as const;

/** Sources added per animation frame. */
export const CHUNK = 50_000;

/** A source built here: the row and id as given, next to the escaped copy Aladin shows. */
interface IEscapeSource extends IAladinSource {
  [RAW_ROW]: Record<string, unknown>;
  [RAW_ID]: unknown;
}

type EscapeSourceClass = new (
  ra: number,
  dec: number,
  row: Record<string, unknown>,
  id: unknown
) => IEscapeSource;

let sourceClass: EscapeSourceClass | null = null;

/** A subclass of Aladin's Source whose `data` is the escaped row, made when Aladin first reads it. */
function lazySourceClass(A: IAladinStatic): EscapeSourceClass {
  if (sourceClass) {
    return sourceClass;
  }
  const Base = A.source(0, 0, {}).constructor as IAladinSourceClass;
  class EscapeSource extends Base {
    constructor(
      ra: number,
      dec: number,
      row: Record<string, unknown>,
      id: unknown
    ) {
      // Base assigns `this.data = undefined`: the setter below ignores it.
      super(ra, dec, undefined);
      this[RAW_ROW] = row;
      this[RAW_ID] = id;
    }
    get data(): Record<string, unknown> {
      if (!this._shown) {
        this._shown = shownRow(this[RAW_ROW], this[RAW_ID]);
      }
      return this._shown;
    }
    set data(value: Record<string, unknown> | undefined) {
      if (value) {
        this._shown = value;
      }
    }
    [RAW_ROW]!: Record<string, unknown>;
    [RAW_ID]: unknown;
    private _shown?: Record<string, unknown>;
  }
  sourceClass = EscapeSource;
  return sourceClass;
}

/** A row and its id as Aladin's popup table shows them: escaped (markup.ts), the id in ID_KEY. */
export function shownRow(
  row: Record<string, unknown>,
  id: unknown
): Record<string, unknown> {
  return {
    ...displayRow(row),
    [ID_KEY]: typeof id === 'string' ? escapeMarkup(id) : id
  };
}

/** The row as given (unescaped) of a source built here; for other sources, what Aladin holds. */
export function rawRow(
  source: IAladinSource
): Record<string, unknown> | undefined {
  return (source as Partial<IEscapeSource>)[RAW_ROW] ?? source.data;
}

/** The id as given of a source built here; for other sources, the id in its data. */
export function rawId(source: IAladinSource): unknown {
  return (source as Partial<IEscapeSource>)[RAW_ID] ?? source.data?.[ID_KEY];
}

export interface IBuiltSources {
  sources: IAladinSource[];
  byId: Map<string, IAladinSource>;
}

/** One source per row with numeric, finite positions (rows without are left out: the caller counts them). */
export function buildSources(
  A: IAladinStatic,
  columns: ISkyTableColumns,
  rows: Record<string, unknown>[]
): IBuiltSources {
  const Source = lazySourceClass(A);
  const sources: IAladinSource[] = [];
  const byId = new Map<string, IAladinSource>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    const ra = coordinate(row[columns.ra]);
    const dec = coordinate(row[columns.dec]);
    if (!Number.isFinite(ra) || !Number.isFinite(dec)) {
      continue;
    }
    const id = columns.id ? row[columns.id] : index;
    const source = new Source(ra, dec, row, id);
    sources.push(source);
    byId.set(String(id), source);
  }
  return { sources, byId };
}

/**
 * Add sources to an Aladin catalogue: the first chunk now, the others one per animation frame. Resolves when
 * all are in, or early (false) when `isCurrent()` says the catalogue was replaced or removed meanwhile.
 */
export async function addInChunks(
  catalog: IAladinCatalog,
  sources: IAladinSource[],
  isCurrent: () => boolean,
  onProgress?: (added: number) => void
): Promise<boolean> {
  for (let start = 0; start < sources.length; start += CHUNK) {
    if (start > 0) {
      await new Promise(resolve => requestAnimationFrame(resolve));
      if (!isCurrent()) {
        return false;
      }
    }
    catalog.addSources(sources.slice(start, start + CHUNK));
    onProgress?.(Math.min(start + CHUNK, sources.length));
  }
  return true;
}
