/**
 * What the VO results pane adds to the basket: the selected rows (`vo_rows`), or with no selection the
 * TAP query with its result (`vo_query`), or all rows of a cone/SIA/SSA result. Goes through the command
 * `escape:basket-add` (backed by `IEscapeBasket`), so the VO pillar needs no dependency on the basket plugin.
 */
import { CommandRegistry } from '@lumino/commands';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { ResultGrid } from '../grid';
import { MAX_INLINE_ROWS, rowsPayload } from './rows';
import type { IBasketItem, IBasketNewItem } from './tokens';
import { querySummary } from '../components/querySummary';

export const BASKET_ADD_COMMAND = 'escape:basket-add';
/** A query result kept inline with the item up to this many rows (larger ones are re-run on demand). */
const RESULT_INLINE_ROWS = 2000;

export interface IVOOrigin {
  kind: string;
  url: string;
  query?: string;
  maxrec?: number | null;
  params?: Record<string, unknown>;
}

export function basketAvailable(commands: CommandRegistry): boolean {
  return commands.hasCommand(BASKET_ADD_COMMAND);
}

/** The item to add for a result on screen (pure apart from reading the grid). */
export function resultItem(
  grid: ResultGrid,
  origin: IVOOrigin,
  label: string,
  selected: number[]
): IBasketNewItem {
  const base = {
    service_url: origin.url,
    query: origin.query,
    params: origin.params
  };
  if (selected.length > 0) {
    return {
      kind: 'vo_rows',
      title: `${selected.length} rows of ${label}`,
      payload: rowsPayload(grid.model, selected, base)
    };
  }
  const n = grid.model.sourceRowCount;
  const all = Array.from(
    { length: Math.min(n, RESULT_INLINE_ROWS) },
    (_, i) => i
  );
  if (origin.kind === 'tap' && origin.query) {
    const payload: Record<string, unknown> = {
      service_url: origin.url,
      query: origin.query,
      lang: 'ADQL',
      ran_at: new Date().toISOString(),
      ...(origin.maxrec ? { maxrec: origin.maxrec } : {})
    };
    if (n <= RESULT_INLINE_ROWS) {
      const { columns, rows } = rowsPayload(grid.model, all, {});
      payload.result = { columns, rows, overflow: false };
    }
    // named after what the query asks (table, region, TOP); the ADQL itself stays in the payload
    return { kind: 'vo_query', title: querySummary(origin.query), payload };
  }
  if (n > MAX_INLINE_ROWS) {
    throw new Error(
      `${n} rows: select at most ${MAX_INLINE_ROWS} rows to add them to the basket`
    );
  }
  return {
    kind: 'vo_rows',
    title: label,
    payload: rowsPayload(
      grid.model,
      Array.from({ length: n }, (_, i) => i),
      base
    )
  };
}

export async function addResultToBasket(
  commands: CommandRegistry,
  grid: ResultGrid,
  origin: IVOOrigin,
  label: string,
  selected: number[]
): Promise<IBasketItem> {
  const item = resultItem(grid, origin, label, selected);
  return (await commands.execute(
    BASKET_ADD_COMMAND,
    commandArgs(item)
  )) as IBasketItem;
}

/** A TAP service as a `vo_service` item. */
export async function addServiceToBasket(
  commands: CommandRegistry,
  url: string,
  title: string,
  serviceType = 'tap'
): Promise<IBasketItem> {
  const item: IBasketNewItem = {
    kind: 'vo_service',
    title: title || url,
    payload: { url, service_type: serviceType, title: title || url }
  };
  return (await commands.execute(
    BASKET_ADD_COMMAND,
    commandArgs(item)
  )) as IBasketItem;
}

/** A new item as the add command's arguments: its payload is JSON by construction (docs/api/basket.md). */
function commandArgs(item: IBasketNewItem): ReadonlyPartialJSONObject {
  return item as unknown as ReadonlyPartialJSONObject;
}
