/**
 * State of the Explore pane: the search form, the query sent, the path of opened containers and datasets, and
 * the three requests behind them (scopes, one page of search results, one page of contents), each aborted when
 * a newer one replaces it. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { LatestRequest } from '../common/latestRequest';
import {
  datalakeAPI,
  IContentsReply,
  IDIDRow,
  IFilter,
  ISearchQuery,
  ISearchReply,
  SearchType
} from './api';

export const SEARCH_PAGE = 50;
export const CONTENTS_PAGE = 100;

export interface IExploreForm {
  scope: string;
  pattern: string;
  type: SearchType;
  filters: IFilter[];
}

/** One opened container or dataset, and the page of its contents shown. */
export interface ICrumb {
  did: string;
  name: string;
  type: string;
  offset: number;
}

/** The configured default scope first; else a shared scope (the user's own scope is rarely the interesting one). */
export function preferredScope(
  scopes: string[],
  configured?: string | null
): string {
  return (
    (configured && scopes.includes(configured) ? configured : null) ??
    scopes.find(
      s => !s.startsWith('user.') && s !== 'root' && !s.startsWith('mock')
    ) ??
    scopes[0]
  );
}

export class ExploreModel implements IDisposable {
  constructor(private _instance: string) {
    this._loadScopes();
  }

  readonly scopes = new LatestRequest<{
    scopes: string[];
    default_scope?: string | null;
  }>(() => this._onScopes());
  readonly results = new LatestRequest<ISearchReply>(() => this._emit());
  readonly contents = new LatestRequest<IContentsReply>(() => this._emit());

  get instance(): string {
    return this._instance;
  }

  get form(): IExploreForm {
    return this._form;
  }

  get query(): ISearchQuery | null {
    return this._query;
  }

  get path(): ICrumb[] {
    return this._path;
  }

  /** The container or dataset shown, if any (else the search results are). */
  get top(): ICrumb | null {
    return this._path.length > 0 ? this._path[this._path.length - 1] : null;
  }

  /** A filter with a key and no value: Search waits for it. */
  get incomplete(): boolean {
    return this._form.filters.some(f => f.key.trim() && !f.value.trim());
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Another instance: the form stays, scopes, results and contents are asked again. */
  setInstance(instance: string): void {
    if (instance !== this._instance) {
      this._instance = instance;
      this._loadScopes();
      this._search();
      this._list();
    }
  }

  setForm(patch: Partial<IExploreForm>): void {
    this._form = { ...this._form, ...patch };
    this._emit();
  }

  submit(): void {
    const form = this._form;
    if (!form.scope) {
      return;
    }
    this._query = {
      scope: form.scope,
      pattern: form.pattern.trim() || '*',
      type: form.type,
      filters: form.filters.filter(f => f.key.trim()),
      offset: 0,
      limit: SEARCH_PAGE
    };
    this.setPath([]);
    this._search();
  }

  /** Another page of the search results. */
  setSearchOffset(offset: number): void {
    if (this._query) {
      this._query = { ...this._query, offset };
      this._search();
    }
  }

  /** Open a container or dataset (a file, or a row of unknown type, goes to `details`). */
  open(row: IDIDRow, details: (did: string) => void): void {
    // Rucio's metadata search answers without DID types: details tell, and offer "Browse contents".
    if (row.type === 'FILE' || !row.type) {
      details(row.did);
    } else {
      this.setPath([
        ...this._path,
        { did: row.did, name: row.name, type: row.type, offset: 0 }
      ]);
    }
  }

  /** Show this path of opened collections ([] for the search results). */
  setPath(path: ICrumb[]): void {
    const before = this.top;
    this._path = path;
    const after = this.top;
    if (before?.did !== after?.did || before?.offset !== after?.offset) {
      this._list();
    }
    this._emit();
  }

  /** Another page of the collection shown. */
  setContentsOffset(offset: number): void {
    const top = this.top;
    if (top) {
      this.setPath([...this._path.slice(0, -1), { ...top, offset }]);
    }
  }

  /** "Browse contents" from a details view: show that collection. */
  browse(did: string, type: string): void {
    const name = did.slice(did.indexOf(':') + 1);
    this.setPath([{ did, name, type, offset: 0 }]);
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    for (const request of [this.scopes, this.results, this.contents]) {
      request.abort();
    }
    Signal.clearData(this);
  }

  private _loadScopes(): void {
    const instance = this._instance;
    this.scopes.run(signal => datalakeAPI.scopes(instance, signal));
  }

  private _onScopes(): void {
    const reply = this.scopes.data;
    if (reply && reply.scopes.length > 0 && !this._form.scope) {
      this._form = {
        ...this._form,
        scope: preferredScope(reply.scopes, reply.default_scope)
      };
    }
    this._emit();
  }

  private _search(): void {
    const instance = this._instance;
    const query = this._query;
    this.results.run(
      query ? signal => datalakeAPI.search(instance, query, signal) : null
    );
  }

  private _list(): void {
    const instance = this._instance;
    const top = this.top;
    this.contents.run(
      top
        ? signal =>
            datalakeAPI.contents(
              instance,
              top.did,
              top.offset,
              CONTENTS_PAGE,
              signal
            )
        : null
    );
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _form: IExploreForm = {
    scope: '',
    pattern: '*',
    type: 'collection',
    filters: []
  };
  private _query: ISearchQuery | null = null;
  private _path: ICrumb[] = [];
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
