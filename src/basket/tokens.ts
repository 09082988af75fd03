/**
 * The research basket's public interface. Other pillars (VO results, OSSR records, data lake DIDs) add to
 * the basket through `IEscapeBasket` only; the REST routes are described in docs/api/basket.md.
 */
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import { EXTENSION_ID } from '../tokens';

/** Item kinds the server knows (jupyter_escape/basket/model.py KINDS). */
export type BasketKind =
  | 'vo_service'
  | 'vo_query'
  | 'vo_rows'
  | 'datalink_product'
  | 'datalake_did'
  | 'ossr_record'
  | 'workspace_file'
  | 'hats_catalog';

export const BASKET_KINDS: BasketKind[] = [
  'vo_service',
  'vo_query',
  'vo_rows',
  'datalink_product',
  'datalake_did',
  'ossr_record',
  'workspace_file',
  'hats_catalog'
];

/** Column description of inline rows (a `vo_rows` payload). */
export interface IBasketColumn {
  name: string;
  unit?: string | null;
  ucd?: string | null;
  description?: string | null;
  /** A VOTable datatype ("float") or the server's Arrow type name: the type the values are kept as. */
  datatype?: string | null;
  precision?: string | null;
  width?: string | null;
}

/** One basket entry as the server returns it. */
export interface IBasketItem {
  id: string;
  kind: BasketKind;
  title: string;
  source: string;
  created: string;
  updated: string;
  group: string | null;
  notes: string;
  payload: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** What to add: kind and payload (see the table in docs/api/basket.md), plus optional fields. */
export interface IBasketNewItem {
  kind: BasketKind;
  payload: Record<string, unknown>;
  title?: string;
  group?: string;
  notes?: string;
  source?: string;
}

export interface IBasketGroup {
  name: string;
  created: string;
  count: number;
}

export namespace BasketCommandIDs {
  export const open = 'escape:basket-open';
  export const addFile = 'escape:basket-add-file';
  export const sqlConsole = 'escape:basket-sql-console';
  export const crossmatch = 'escape:basket-crossmatch';
  export const saveToNotebook = 'escape:basket-save-to-notebook';
  export const restoreFromNotebook = 'escape:basket-restore-from-notebook';
}

/** The research basket, shared by every tab and kernel of the user's Jupyter server. */
export interface IEscapeBasket {
  /** Items in the basket order (last known state; refreshed while the panel is visible). */
  readonly items: ReadonlyArray<IBasketItem>;
  readonly groups: ReadonlyArray<IBasketGroup>;
  /** Emitted after `items` or `groups` changed (from this tab, another tab or a kernel). */
  readonly changed: ISignal<IEscapeBasket, void>;
  /**
   * Add an item; resolves to the stored item. Rejects with `EscapeAPIError` (message naming the field at
   * fault, e.g. "payload: a vo_query item needs service_url").
   */
  add(item: IBasketNewItem): Promise<IBasketItem>;
  /** Fetch the basket now. */
  refresh(): Promise<void>;
  /** Open the ESCAPE sidebar on the basket section. */
  reveal(): void;
}

export const IEscapeBasket = new Token<IEscapeBasket>(
  `${EXTENSION_ID}:IEscapeBasket`,
  'The research basket: add VO services, queries, rows, DataLink products, DIDs, OSSR records and files.'
);
