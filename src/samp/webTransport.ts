/**
 * Remote mode (JupyterHub, Binder): the browser, which runs on the user's desktop, joins the desktop's hub
 * through the Web Profile. It sends short-lived signed links to data the Jupyter server serves, and receives
 * selections, positions, and tables and images (fetched from the desktop through the hub, then uploaded to
 * the server's basket: webReceive.ts).
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import {
  IPrepared,
  ISampEvent,
  ISampReply,
  ISampSource,
  ISampStatus,
  sampAPI
} from './api';
import {
  ISampTransport,
  LOADED,
  OURS,
  OURS_KEY,
  POINT,
  SELECT
} from './transports';
import { receiveData } from './webReceive';
import {
  IWebCallback,
  LOAD_TIMEOUT_S,
  QUICK_TIMEOUT_S,
  WebProfileClient
} from './webProfile';
import { SampValue } from './xmlrpc';

export class WebTransport implements ISampTransport {
  constructor(readonly client = new WebProfileClient()) {}

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
        this._names.set(c.id, c.meta['samp.name'] || c.id);
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

  async send(
    source: ISampSource,
    to?: string,
    name?: string
  ): Promise<IPrepared> {
    const prepared = await sampAPI.send({
      source,
      to,
      name,
      as: source.as,
      link: true
    });
    // Absolute, on the address the browser uses: the desktop tool fetches it from the same place.
    const url = new URL(
      URLExt.join(PageConfig.getBaseUrl(), prepared.link!),
      window.location.href
    ).href;
    this._urls.set(prepared.table_id, url);
    const params: Record<string, SampValue> = { url, name: prepared.name };
    const idKey = prepared.mtype.startsWith('image')
      ? 'image-id'
      : prepared.mtype.startsWith('spectrum')
        ? 'spectrum-id'
        : 'table-id';
    params[idKey] = prepared.table_id;
    if (prepared.mtype.startsWith('spectrum')) {
      params['meta'] = { ...(prepared.meta ?? {}), 'Access.Reference': url };
    }
    const replies = await this._callEach(prepared.mtype, params, to);
    return { ...prepared, url, replies };
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
      out.push(...(await this._handle(cb)));
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

  /** One message from a desktop tool: its event for the page, and the reply the sender waits for. */
  private async _handle(cb: IWebCallback): Promise<ISampEvent[]> {
    const call = cb.method === 'receiveCall';
    const [sender, msgId, message] = call
      ? [cb.params[0], cb.params[1], cb.params[2]]
      : [cb.params[0], null, cb.params[1]];
    const msg = (message ?? {}) as Record<string, SampValue>;
    const mtype = String(msg['samp.mtype'] ?? '');
    const params = (msg['samp.params'] ?? {}) as Record<string, SampValue>;
    const from = { id: String(sender), name: await this._name(String(sender)) };
    let event: ISampEvent | null = null;
    let reply: Record<string, SampValue> = {
      'samp.status': 'samp.ok',
      'samp.result': {}
    };
    if (mtype === SELECT) {
      event = {
        seq: 0,
        type: 'select',
        sender: from,
        table_id: String(params['table-id'] ?? ''),
        rows: ((params['row-list'] as string[]) ?? []).map(Number)
      };
    } else if (mtype === POINT) {
      event = {
        seq: 0,
        type: 'point',
        sender: from,
        ra: String(params.ra),
        dec: String(params.dec)
      };
    } else if (LOADED.includes(mtype)) {
      try {
        const received = await receiveData(this.client, mtype, params, from);
        event = {
          seq: 0,
          type: mtype.startsWith('image') ? 'image' : 'table',
          sender: from,
          item_id: received.item_id,
          title: received.title
        };
        reply = {
          'samp.status': 'samp.ok',
          'samp.result': { 'item-id': received.item_id ?? '' }
        };
      } catch (error) {
        const text = (error as Error).message;
        event = { seq: 0, type: 'error', sender: from, error: text };
        reply = {
          'samp.status': 'samp.error',
          'samp.error': { 'samp.errortxt': text }
        };
      }
    }
    if (msgId) {
      await this.client.reply(String(msgId), reply).catch(() => undefined);
    }
    return event ? [event] : [];
  }

  /** Subscribers to `mtype` but not our own kind (another tab, a notebook): they share the basket, and a tab
   * closed without leaving the hub would make every broadcast wait for its timeout. */
  private async _broadcastTargets(mtype: string): Promise<string[]> {
    const self = this.client.registration?.selfId;
    const ids = (await this.client.subscribed(mtype)).filter(id => id !== self);
    const ours = await Promise.all(
      ids.map(async id => {
        if (!this._ours.has(id)) {
          const meta = (await this.client.keyed('getMetadata', [id])) as Record<
            string,
            string
          >;
          this._ours.set(id, !!meta?.[OURS_KEY]);
          this._names.set(id, meta?.['samp.name'] || id);
        }
        return this._ours.get(id);
      })
    );
    return ids.filter((_, i) => !ours[i]);
  }

  private async _name(id: string): Promise<string> {
    if (!this._names.has(id)) {
      try {
        const meta = (await this.client.keyed('getMetadata', [id])) as Record<
          string,
          string
        >;
        this._names.set(id, meta['samp.name'] || id);
      } catch {
        return id;
      }
    }
    return this._names.get(id)!;
  }

  private _hubLost(error: unknown): ISampStatus {
    this._lost = `the desktop SAMP hub went away: ${(error as Error).message}`;
    return { mode: 'remote', hub: false, clients: [], error: this._lost };
  }

  private async _callEach(
    mtype: string,
    params: Record<string, SampValue>,
    to?: string
  ): Promise<ISampReply[]> {
    const reg = this.client.registration;
    if (!reg) {
      throw new Error(
        this._lost ??
          'not connected to the desktop SAMP hub: connect first (SAMP section)'
      );
    }
    const targets = to ? [to] : await this._broadcastTargets(mtype);
    if (!targets.length) {
      throw new Error(
        `no SAMP client accepts ${mtype}: start TOPCAT, Aladin or DS9`
      );
    }
    return Promise.all(
      targets.map(async id => {
        const name = await this._name(id);
        try {
          const r = await this.client.callAndWait(
            id,
            mtype,
            params,
            mtype === SELECT || mtype === POINT
              ? QUICK_TIMEOUT_S
              : LOAD_TIMEOUT_S
          );
          const status = String(r['samp.status'] ?? '');
          if (status === 'samp.ok') {
            return { id, name, status: 'ok' } as ISampReply;
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
          } as ISampReply;
        } catch (error) {
          return {
            id,
            name,
            status: 'error',
            error: `${name}: ${(error as Error).message}`
          } as ISampReply;
        }
      })
    );
  }

  private _urls = new Map<string, string>();
  private _names = new Map<string, string>();
  private _ours = new Map<string, boolean>();
  private _lost: string | null = null;
}
