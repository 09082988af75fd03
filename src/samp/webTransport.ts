/**
 * Remote mode (JupyterHub, Binder): the browser, which runs on the user's desktop, joins the desktop's hub
 * through the Web Profile. It sends short-lived signed links to data the Jupyter server serves, and receives
 * selections, positions, and tables and images (fetched from the desktop through the hub, then uploaded to
 * the server's basket: webReceive.ts).
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { ISampEvent, ISampReply, ISampSource, ISampStatus } from './api';
import {
  ISampTransport,
  LOADED,
  OURS,
  OURS_KEY,
  POINT,
  SELECT
} from './transports';
import { ISampSend, sendAPI } from './sendApi';
import { handleCallback } from './webIncoming';
import { WebPeers } from './webPeers';
import { IWebCallback, WebProfileClient } from './webProfile';
import { SampValue } from './xmlrpc';

export class WebTransport implements ISampTransport {
  constructor(readonly client = new WebProfileClient()) {
    this._peers = new WebPeers(client);
  }

  /** Registration makes a desktop hub ask its user: only when the user asks for it. */
  async connect(): Promise<void> {
    if (!this.client.registration) {
      await this.client.register('JupyterLab (jupyter-escape, web)', {
        'samp.description.text':
          'JupyterLab in a web browser, with the ESCAPE extension',
        [OURS_KEY]: '1'
      });
      await this.client.listen([...LOADED, SELECT, POINT]);
      // A closed or reloaded tab leaves the hub; otherwise its registration lingers and every message to
      // "all" waits for it to time out.
      window.addEventListener('pagehide', this._leave);
    }
  }

  async status(): Promise<ISampStatus> {
    const reg = this.client.registration;
    if (!reg) {
      return { mode: 'remote', hub: false, clients: [], error: this._lost };
    }
    try {
      const all = await this.client.clients();
      for (const c of all) {
        this._peers.remember(c.id, c.meta['samp.name'] || c.id);
      }
      return {
        mode: 'remote',
        hub: true,
        error: null,
        self_id: reg.selfId,
        hub_url: this.client.url,
        clients: all
          .filter(c => c.id !== reg.selfId)
          .map(c => ({
            id: c.id,
            name: c.meta['samp.name'] || c.id,
            icon_url: c.meta['samp.icon.url'] || null,
            description: c.meta['samp.description.text'] || null,
            accepts: c.subs.filter(m => OURS.includes(m)).sort(),
            ours: !!c.meta[OURS_KEY]
          }))
      };
    } catch (error) {
      return this._hubLost(error);
    }
  }

  start(source: ISampSource, to?: string, name?: string): Promise<ISampSend> {
    return sendAPI.start({ source, to, name, as: source.as, link: true });
  }

  async deliver(send: ISampSend): Promise<ISampSend> {
    // Absolute, on the address the browser uses: the desktop tool fetches it from the same place.
    const url = new URL(
      URLExt.join(PageConfig.getBaseUrl(), send.link!),
      window.location.href
    ).href;
    const mtype = send.mtype!;
    const tableId = send.table_id!;
    this._urls.set(tableId, url);
    const params: Record<string, SampValue> = { url, name: send.name };
    const idKey = mtype.startsWith('image')
      ? 'image-id'
      : mtype.startsWith('spectrum')
        ? 'spectrum-id'
        : 'table-id';
    params[idKey] = tableId;
    if (mtype.startsWith('spectrum')) {
      params['meta'] = { ...(send.meta ?? {}), 'Access.Reference': url };
    }
    const to = send.to === 'all' ? undefined : send.to;
    const replies = await this._callEach(mtype, params, to);
    return sendAPI.replies(send.id, replies, url);
  }

  async select(tableId: string, rows: number[]): Promise<ISampReply[]> {
    const url = this._urls.get(tableId) ?? '';
    return this._callEach(SELECT, {
      'table-id': tableId,
      url,
      'row-list': rows.map(String)
    });
  }

  async point(ra: number, dec: number, to?: string): Promise<ISampReply[]> {
    return this._callEach(POINT, { ra: String(ra), dec: String(dec) }, to);
  }

  async nextEvents(): Promise<ISampEvent[]> {
    if (!this.client.registration) {
      await new Promise(resolve => setTimeout(resolve, 5000));
      return [];
    }
    let callbacks: IWebCallback[];
    try {
      callbacks = await this.client.pull(10);
    } catch (error) {
      if (this.client.registration) {
        return []; // a slow answer, still registered: pull again
      }
      // The hub went away (TOPCAT closed): say so once; the panel offers to connect again.
      return [
        {
          seq: 0,
          type: 'hub',
          state: 'lost',
          error: this._hubLost(error).error ?? ''
        }
      ];
    }
    const out: ISampEvent[] = [];
    for (const cb of callbacks) {
      out.push(
        ...(await handleCallback(this.client, cb, id => this._peers.name(id)))
      );
    }
    return out;
  }

  dispose(): void {
    window.removeEventListener('pagehide', this._leave);
    void this.client.unregister().catch(() => undefined);
  }

  private _leave = () => {
    void this.client.unregister(true).catch(() => undefined);
  };

  private _hubLost(error: unknown): ISampStatus {
    this._lost = `the desktop SAMP hub went away: ${(error as Error).message}`;
    return { mode: 'remote', hub: false, clients: [], error: this._lost };
  }

  private async _callEach(
    mtype: string,
    params: Record<string, SampValue>,
    to?: string
  ): Promise<ISampReply[]> {
    if (!this.client.registration) {
      throw new Error(
        this._lost ??
          'not connected to the desktop SAMP hub: connect first (SAMP section)'
      );
    }
    const targets = to ? [to] : await this._peers.broadcastTargets(mtype);
    if (!targets.length) {
      throw new Error(
        `no SAMP client accepts ${mtype}: start TOPCAT, Aladin or DS9`
      );
    }
    return this._peers.callEach(mtype, params, targets);
  }

  private _urls = new Map<string, string>();
  private _peers: WebPeers;
  private _lost: string | null = null;
}
