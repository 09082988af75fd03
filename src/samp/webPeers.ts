/**
 * The other clients of the desktop hub as the web transport sees them: their names, which of them are our own
 * kind (another tab, a notebook), and calling each one that takes a message, with its answer in its own words.
 */
import { ISampReply } from './api';
import { OURS_KEY, POINT, SELECT } from './transports';
import {
  LOAD_TIMEOUT_S,
  QUICK_TIMEOUT_S,
  WebProfileClient
} from './webProfile';
import { SampValue } from './xmlrpc';

export class WebPeers {
  constructor(private _client: WebProfileClient) {}

  /** Remember a client's name (from a listing of the hub's clients). */
  remember(id: string, name: string): void {
    this._names.set(id, name);
  }

  /** A client's samp.name (its id when it has none or cannot be asked). */
  async name(id: string): Promise<string> {
    if (!this._names.has(id)) {
      try {
        const meta = await this._metadata(id);
        this._names.set(id, meta['samp.name'] || id);
      } catch {
        return id;
      }
    }
    return this._names.get(id)!;
  }

  /**
   * Subscribers to `mtype` but not our own kind (another tab, a notebook): they share the basket, and a tab
   * closed without leaving the hub would make every broadcast wait for its timeout.
   */
  async broadcastTargets(mtype: string): Promise<string[]> {
    const self = this._client.registration?.selfId;
    const ids = (await this._client.subscribed(mtype)).filter(
      id => id !== self
    );
    const ours = await Promise.all(
      ids.map(async id => {
        if (!this._ours.has(id)) {
          const meta = await this._metadata(id);
          this._ours.set(id, !!meta?.[OURS_KEY]);
          this._names.set(id, meta?.['samp.name'] || id);
        }
        return this._ours.get(id);
      })
    );
    return ids.filter((_, i) => !ours[i]);
  }

  /** Call `mtype` on each target and wait for its answer: ok, a warning, or its refusal in its words. */
  callEach(
    mtype: string,
    params: Record<string, SampValue>,
    targets: string[]
  ): Promise<ISampReply[]> {
    const timeout =
      mtype === SELECT || mtype === POINT ? QUICK_TIMEOUT_S : LOAD_TIMEOUT_S;
    return Promise.all(
      targets.map(id => this._callOne(id, mtype, params, timeout))
    );
  }

  private async _callOne(
    id: string,
    mtype: string,
    params: Record<string, SampValue>,
    timeout: number
  ): Promise<ISampReply> {
    const name = await this.name(id);
    try {
      const r = await this._client.callAndWait(id, mtype, params, timeout);
      const status = String(r['samp.status'] ?? '');
      if (status === 'samp.ok') {
        return { id, name, status: 'ok' };
      }
      const err =
        (r['samp.error'] as Record<string, string>)?.['samp.errortxt'] ??
        status;
      // A warning: taken with a caveat (TOPCAT had no window to use a position in)
      const warning = status === 'samp.warning';
      return {
        id,
        name,
        status: warning ? 'warning' : 'error',
        error: `${name} ${warning ? 'warned about' : 'refused'} ${mtype}: ${err}`
      };
    } catch (error) {
      return {
        id,
        name,
        status: 'error',
        error: `${name}: ${(error as Error).message}`
      };
    }
  }

  private async _metadata(id: string): Promise<Record<string, string>> {
    return (await this._client.keyed('getMetadata', [id])) as Record<
      string,
      string
    >;
  }

  private _names = new Map<string, string>();
  private _ours = new Map<string, boolean>();
}
