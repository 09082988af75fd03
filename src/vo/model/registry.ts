/**
 * The state of the registry search: the form, the page of resources shown, the search under way (cancellable),
 * its error, and the DAL services picked for a multi-service search.
 */
import { IRegistryPage, IRegistryQuery } from '../api';
import { voAPI } from '../api';
import type { IDalTarget } from '../context';
import { describeError, IErrorView } from '../errors';
import { VOModel } from './base';

export const REGISTRY_PAGE = 20;

export interface IRegistryForm {
  keywords: string;
  servicetype: string;
  waveband: string[];
  datamodel: string;
  ra: string;
  dec: string;
  radius: string;
  start: string;
  end: string;
  sort: 'title' | 'short_name' | 'updated' | 'ivoid';
  auxiliary: boolean;
}

/** ISO date (YYYY-MM-DD) -> MJD. */
function mjd(date: string): number {
  return Date.parse(date) / 86400000 + 40587;
}

/** The form as a registry query (the server's constraints); empty fields constrain nothing. */
export function toQuery(f: IRegistryForm, offset: number): IRegistryQuery {
  const q: IRegistryQuery = { sort: f.sort, limit: REGISTRY_PAGE, offset };
  if (f.keywords.trim()) {
    q.keywords = f.keywords.trim();
  }
  if (f.servicetype) {
    q.servicetype = f.servicetype;
    q.include_auxiliary = f.auxiliary;
  }
  if (f.waveband.length) {
    q.waveband = f.waveband;
  }
  if (f.datamodel) {
    q.datamodel = f.datamodel;
  }
  if (f.ra !== '' || f.dec !== '' || f.radius !== '') {
    q.cone = {
      ra: Number(f.ra),
      dec: Number(f.dec),
      radius: Number(f.radius || 1)
    };
  }
  if (f.start || f.end) {
    q.temporal = {
      start: f.start ? mjd(f.start) : -1e6,
      end: f.end ? mjd(f.end) : 1e6
    };
  }
  return q;
}

export class RegistryModel extends VOModel {
  form: IRegistryForm = {
    keywords: '',
    servicetype: '',
    waveband: [],
    datamodel: '',
    ra: '',
    dec: '',
    radius: '',
    start: '',
    end: '',
    sort: 'title',
    auxiliary: true
  };
  page: IRegistryPage | null = null;
  error: IErrorView | null = null;
  /** When the search under way started; null when none is. */
  running: number | null = null;
  /** DAL services picked for a multi-service search, by `kind url`. */
  picked: Record<string, IDalTarget> = {};

  setField<K extends keyof IRegistryForm>(
    key: K,
    value: IRegistryForm[K]
  ): void {
    this.form = { ...this.form, [key]: value };
    this.emit();
  }

  pick(key: string, target: IDalTarget | null): void {
    const rest = { ...this.picked };
    delete rest[key];
    this.picked = target ? { ...rest, [key]: target } : rest;
    this.emit();
  }

  /** Search for these keywords (the sidebar's search box), the other fields as they are. */
  searchKeywords(keywords: string): Promise<void> {
    this.form = { ...this.form, keywords };
    return this.search(0);
  }

  /** Ask the registry for the page at `offset`; a search still under way is cancelled. */
  async search(offset: number): Promise<void> {
    this._controller?.abort();
    const c = new AbortController();
    this._controller = c;
    this.running = Date.now();
    this.error = null;
    this.emit();
    try {
      const result = await voAPI.searchRegistry(
        toQuery(this.form, offset),
        c.signal
      );
      if (!c.signal.aborted) {
        this.page = result;
      }
    } catch (e) {
      if (!c.signal.aborted) {
        this.error = describeError(e);
      }
    } finally {
      if (this._controller === c) {
        this.running = null;
        this._controller = null;
      }
      this.emit();
    }
  }

  cancel(): void {
    this._controller?.abort();
  }

  dispose(): void {
    this.cancel();
    super.dispose();
  }

  private _controller: AbortController | null = null;
}
