/**
 * State of the OSSR sidebar section: the repository's configuration, the search text as typed, the query
 * (filters, sort, page) and its answer, and the compliance of each hit's codemeta.json (fetched once per record,
 * at most three at a time). A new query always replaces the previous answer, never the other way round.
 */
import { ISignal, Signal } from '@lumino/signaling';
import {
  IConfig,
  IFacet,
  IHit,
  ISearchQuery,
  ISearchReply,
  ossrAPI
} from './api';
import { ComplianceState } from './compliance';
import { IOSSRContext } from './context';

export const PAGE_SIZE = 10;
/** At most this many codemeta.json checks at a time (the repository rate-limits). */
const PARALLEL_CHECKS = 3;

/** The query terms that filter (sort and paging do not). */
export const FILTERS = [
  'type',
  'keywords',
  'facility',
  'license',
  'language'
] as const;

export class SearchModel {
  constructor(ctx: IOSSRContext) {
    ctx.config().then(
      config => this._set({ config }),
      () => this._set({ config: null })
    );
    this._search();
  }

  config: IConfig | null = null;
  /** The search text as typed (searched on submit). */
  text = '';
  query: ISearchQuery = { page: 1, size: PAGE_SIZE };
  reply: ISearchReply | null = null;
  error: unknown = null;
  busy = false;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** How many filters are on. */
  get filtersOn(): number {
    return FILTERS.filter(k => this.query[k]).length;
  }

  /** The facet counts the last answer gave for `name`. */
  facet(name: string): IFacet[] {
    return this.reply?.facets?.[name] ?? [];
  }

  setText(text: string): void {
    this._set({ text });
  }

  /** Change the query (back to the first page) and search. */
  set(patch: ISearchQuery): void {
    this.query = { ...this.query, page: 1, ...patch };
    this._search();
  }

  /** The next (+1) or previous (-1) page. */
  turnPage(step: 1 | -1): void {
    this.query = { ...this.query, page: (this.query.page ?? 1) + step };
    this._search();
  }

  retry(): void {
    this._search();
  }

  /** The compliance of a hit's codemeta.json: 'checking' until known; `changed` fires when it is. */
  compliance(hit: IHit): ComplianceState {
    if (!hit.has_codemeta) {
      return { kind: 'none' };
    }
    const known = this._compliance.get(hit.id);
    if (known) {
      return known;
    }
    this._compliance.set(hit.id, { kind: 'checking' });
    void this._check(hit.id);
    return { kind: 'checking' };
  }

  dispose(): void {
    this._disposed = true;
    Signal.clearData(this);
  }

  private _search(): void {
    const generation = ++this._generation;
    const live = () => generation === this._generation;
    this._set({ busy: true, error: null });
    ossrAPI
      .search(this.query)
      .then(
        reply => {
          if (live()) {
            this._forgetUnknown();
            this._set({ reply });
          }
        },
        // the previous results would pass for answers to this query
        error => live() && this._set({ reply: null, error })
      )
      .finally(() => live() && this._set({ busy: false }));
  }

  private _forgetUnknown(): void {
    for (const [id, state] of this._compliance) {
      if (state.kind === 'unknown') {
        this._compliance.delete(id);
      }
    }
  }

  private async _check(id: number): Promise<void> {
    if (this._running >= PARALLEL_CHECKS) {
      await new Promise<void>(resolve => this._waiting.push(resolve));
    }
    this._running += 1;
    try {
      const view = await ossrAPI.codemeta(id);
      this._compliance.set(
        id,
        view.report ? { kind: 'report', report: view.report } : { kind: 'none' }
      );
    } catch (error) {
      // shown as unknown until the next answer to a search, which asks again
      this._compliance.set(id, {
        kind: 'unknown',
        message: String((error as Error)?.message ?? error)
      });
    } finally {
      this._running -= 1;
      this._waiting.shift()?.();
    }
    this._set({});
  }

  private _set(patch: Partial<SearchModelState>): void {
    if (this._disposed) {
      return;
    }
    Object.assign(this, patch);
    this._changed.emit();
  }

  private _generation = 0;
  private _disposed = false;
  private _running = 0;
  private _waiting: (() => void)[] = [];
  private _compliance = new Map<number, ComplianceState>();
  private _changed = new Signal<this, void>(this);
}

type SearchModelState = Pick<
  SearchModel,
  'config' | 'text' | 'reply' | 'error' | 'busy'
>;
