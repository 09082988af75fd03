/**
 * The collections opened in Explore (containers and datasets, the last one shown) and the one page of its
 * contents, asked again when the path or the page changes (the previous request aborted). State only: the
 * Explore model owns it and is told through `onChange`.
 */
import { LatestRequest } from '../common/latestRequest';
import { datalakeAPI, IContentsReply, IDIDRow } from './api';

export const CONTENTS_PAGE = 100;

/** One opened container or dataset, and the page of its contents shown. */
export interface ICrumb {
  did: string;
  name: string;
  type: string;
  offset: number;
}

export class CollectionPath {
  constructor(
    private _instance: () => string,
    private _onChange: () => void
  ) {}

  readonly contents = new LatestRequest<IContentsReply>(() => this._onChange());

  get path(): ICrumb[] {
    return this._path;
  }

  /** The container or dataset shown, if any (else the search results are). */
  get top(): ICrumb | null {
    return this._path.length > 0 ? this._path[this._path.length - 1] : null;
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
    this._onChange();
  }

  /** Another page of the collection shown. */
  setOffset(offset: number): void {
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

  /** Ask the shown page again (another instance). */
  reload(): void {
    this._list();
  }

  abort(): void {
    this.contents.abort();
  }

  private _list(): void {
    const instance = this._instance();
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

  private _path: ICrumb[] = [];
}
