/**
 * The state of a multi-service cone/SIA/SSA search: the candidate services, the form, and one outcome per
 * service (running, rows, cancelled, or its error), each service asked separately and in parallel.
 */
import { IArrowResponse, isAbort, requestArrow } from '../../grid';
import { accessURL, voAPI } from '../api';
import type { IDalTarget } from '../context';
import { describeError, IErrorView } from '../errors';
import { targetKey, VOModel } from './base';

export const DAL_KINDS: [string, string][] = [
  ['scs', 'Cone search'],
  ['sia', 'SIA 1'],
  ['sia2', 'SIA 2'],
  ['ssa', 'SSA']
];

export interface IDalOutcome {
  state: 'running' | 'ok' | 'error' | 'cancelled';
  since: number;
  seconds?: number;
  rows?: number;
  overflow?: boolean;
  error?: IErrorView;
  response?: IArrowResponse;
}

export class DalModel extends VOModel {
  constructor(targets: IDalTarget[]) {
    super();
    this.targets = targets;
    this.kind = targets[0]?.kind ?? 'scs';
  }

  targets: IDalTarget[];
  kind: string;
  ra = '';
  dec = '';
  radius = '0.1';
  maxrec = '1000';
  /** A service URL being typed in. */
  manual = '';
  /** Services switched off for the next search, by key (all are on until unticked). */
  enabled: Record<string, boolean> = {};
  outcomes: Record<string, IDalOutcome> = {};
  /** When the registry lookup of services started; null when none is under way. */
  finding: number | null = null;
  findError: IErrorView | null = null;

  /** The services of the chosen protocol. */
  get forKind(): IDalTarget[] {
    return this.targets.filter(t => t.kind === this.kind);
  }

  /** The services the next search asks. */
  get chosen(): IDalTarget[] {
    return this.forKind.filter(t => this.enabled[targetKey(t)] !== false);
  }

  get anyRunning(): boolean {
    return Object.values(this.outcomes).some(o => o.state === 'running');
  }

  /** The protocol's parameters from the form (SIA and SSA take a size, the diameter). */
  get params(): Record<string, number> {
    const p: Record<string, number> = {
      ra: Number(this.ra),
      dec: Number(this.dec),
      radius: Number(this.radius)
    };
    if (this.kind === 'sia' || this.kind === 'ssa') {
      p.size = Number(this.radius) * 2;
    }
    if (this.maxrec !== '') {
      p.maxrec = Number(this.maxrec);
    }
    return p;
  }

  set(
    field: 'kind' | 'ra' | 'dec' | 'radius' | 'maxrec' | 'manual',
    value: string
  ): void {
    this[field] = value;
    this.emit();
  }

  setEnabled(key: string, on: boolean): void {
    this.enabled = { ...this.enabled, [key]: on };
    this.emit();
  }

  /** Add services not already listed (same kind and URL). */
  addTargets(targets: IDalTarget[]): void {
    const known = new Set(this.targets.map(targetKey));
    this.targets = [
      ...this.targets,
      ...targets.filter(t => !known.has(targetKey(t)))
    ];
    this.emit();
  }

  addManual(): void {
    const url = this.manual.trim();
    this.targets = [...this.targets, { kind: this.kind, url, label: url }];
    this.manual = '';
    this.emit();
  }

  /** The server's configured services of these protocols are candidates too. */
  async loadConfigured(): Promise<void> {
    const reply = await voAPI.services().catch(() => null);
    const extra = (reply?.services ?? [])
      .filter(s => DAL_KINDS.some(([k]) => k === s.kind))
      .map(s => ({ kind: s.kind, url: s.url, label: s.name }));
    if (extra.length && !this.isDisposed) {
      this.addTargets(extra);
    }
  }

  /** Ask the registry for services of the chosen protocol. */
  async findServices(): Promise<void> {
    const kind = this.kind;
    this.finding = Date.now();
    this.findError = null;
    this.emit();
    try {
      const page = await voAPI.searchRegistry({ servicetype: kind, limit: 50 });
      const found: IDalTarget[] = [];
      for (const r of page.resources) {
        const url = accessURL(r, kind);
        if (url) {
          found.push({ kind, url, label: r.title || r.short_name || r.ivoid });
        }
      }
      this.addTargets(found);
    } catch (e) {
      this.findError = describeError(e);
    } finally {
      this.finding = null;
      this.emit();
    }
  }

  /** Ask every chosen service at once; each outcome arrives on its own. */
  run(): void {
    const params = this.params;
    const chosen = this.chosen;
    this.outcomes = {};
    for (const t of chosen) {
      this.outcomes[targetKey(t)] = { state: 'running', since: Date.now() };
    }
    this.emit();
    for (const t of chosen) {
      void this._ask(t, params);
    }
  }

  cancel(key: string): void {
    this._controllers[key]?.abort();
  }

  cancelAll(): void {
    Object.values(this._controllers).forEach(c => c.abort());
  }

  dispose(): void {
    this.cancelAll();
    super.dispose();
  }

  private async _ask(
    t: IDalTarget,
    params: Record<string, number>
  ): Promise<void> {
    const k = targetKey(t);
    this._controllers[k]?.abort();
    const c = new AbortController();
    this._controllers[k] = c;
    const since = Date.now();
    let outcome: IDalOutcome;
    try {
      const response = await requestArrow(`vo/dal/${t.kind}`, {
        method: 'POST',
        body: JSON.stringify({ url: t.url, ...params }),
        signal: c.signal
      });
      const info = JSON.parse(
        response.headers.get('X-Escape-Result-Info') ?? '{}'
      );
      outcome = {
        state: 'ok',
        since,
        seconds: (Date.now() - since) / 1000,
        rows: response.table.numRows,
        overflow: !!info.overflow,
        response
      };
    } catch (error) {
      outcome = {
        state: isAbort(error) ? 'cancelled' : 'error',
        since,
        seconds: (Date.now() - since) / 1000,
        error: describeError(error)
      };
    }
    this.outcomes = { ...this.outcomes, [k]: outcome };
    this.emit();
  }

  private _controllers: Record<string, AbortController> = {};
}
