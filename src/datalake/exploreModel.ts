/**
 * State of the Explore pane: the search form, the query sent, the scopes and one page of search results (each
 * request aborted when a newer one replaces it), and the opened collections (CollectionPath). State and
 * signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { LatestRequest } from '../common/latestRequest';
import {
  datalakeAPI,
  IFilter,
  ISearchQuery,
  ISearchReply,
  SearchType
} from './api';
import { CollectionPath } from './collectionPath';

export const SEARCH_PAGE = 50;

export interface IExploreForm {
  scope: string;
  pattern: string;
  type: SearchType;
  filters: IFilter[];
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
  /** The opened collections and the page of contents shown. */
  readonly collections = new CollectionPath(
    () => this._instance,
    () => this._emit()
  );

  get instance(): string {
    return this._instance;
  }

  get form(): IExploreForm {
    return this._form;
  }

  get query(): ISearchQuery | null {
    return this._query;
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
      this.collections.reload();
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
    this.collections.setPath([]);
    this._search();
  }

  /** Another page of the search results. */
  setSearchOffset(offset: number): void {
    if (this._query) {
      this._query = { ...this._query, offset };
      this._search();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.scopes.abort();
    this.results.abort();
    this.collections.abort();
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
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}
