/**
 * The two ways SAMP messages travel. Local: the Jupyter server is on the desktop and talks to its hub (Standard
 * Profile); the browser only calls the server. Remote: the browser joins the desktop's hub (Web Profile) and
 * sends short-lived signed links to data the Jupyter server serves.
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
import { WebProfileClient } from './webProfile';
import { SampValue } from './xmlrpc';

export const SELECT = 'table.select.rowList';
export const POINT = 'coord.pointAt.sky';
const OURS = [
  'table.load.votable',
  'table.load.fits',
  'image.load.fits',
  'spectrum.load.ssa-generic',
  SELECT,
  POINT
];

export interface ISampTransport {
  status(): Promise<ISampStatus>;
  send(source: ISampSource, to?: string, name?: string): Promise<IPrepared>;
  select(tableId: string, rows: number[]): Promise<ISampReply[]>;
  /** Waits for what desktop tools send (long poll); an empty list after a quiet while. */
  nextEvents(): Promise<ISampEvent[]>;
  connect?(): Promise<void>;
  dispose(): void;
}

export class LocalTransport implements ISampTransport {
  status(): Promise<ISampStatus> {
    return sampAPI.status();
  }

  send(source: ISampSource, to?: string, name?: string): Promise<IPrepared> {
    return sampAPI.send({ source, to, name });
  }

  async select(tableId: string, rows: number[]): Promise<ISampReply[]> {
    return (await sampAPI.select(tableId, rows)).replies;
  }

  async nextEvents(): Promise<ISampEvent[]> {
    const answer = await sampAPI.events(this._since, 20);
    this._since = answer.last;
    return answer.events;
  }

  dispose(): void {
    /* nothing held */
  }

  private _since = -1;
}

export class WebTransport implements ISampTransport {
  constructor(readonly client = new WebProfileClient()) {}

  /** Registration makes a desktop hub ask its user: only when the user asks for it. */
  async connect(): Promise<void> {
    if (!this.client.registration) {
      await this.client.register('JupyterLab (jupyter-escape, web)', {
        'samp.description.text':
          'JupyterLab in a web browser, with the ESCAPE extension'
      });
      await this.client.listen([SELECT, POINT]);
    }
  }

  async status(): Promise<ISampStatus> {
    const reg = this.client.registration;
    if (!reg) {
      return {
        mode: 'remote',
        hub: false,
        clients: [],
        error: null
      };
    }
    try {
      const all = await this.client.clients();
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
            accepts: c.subs.filter(m => OURS.includes(m)).sort()
          }))
      };
    } catch (error) {
      return {
        mode: 'remote',
        hub: false,
        clients: [],
        error: String((error as Error).message)
      };
    }
  }

  async send(
    source: ISampSource,
    to?: string,
    name?: string
  ): Promise<IPrepared> {
    const prepared = await sampAPI.send({ source, to, name, link: true });
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
      params['meta'] = {};
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

  remember(tableId: string, url: string): void {
    this._urls.set(tableId, url);
  }

  async nextEvents(): Promise<ISampEvent[]> {
    if (!this.client.registration) {
      await new Promise(resolve => setTimeout(resolve, 5000));
      return [];
    }
    const out: ISampEvent[] = [];
    for (const cb of await this.client.pull(10)) {
      const [sender, msgId, message] =
        cb.method === 'receiveCall'
          ? [cb.params[0], cb.params[1], cb.params[2]]
          : [cb.params[0], null, cb.params[1]];
      const msg = message as Record<string, SampValue>;
      const params = (msg?.['samp.params'] ?? {}) as Record<string, SampValue>;
      const from = { id: String(sender), name: String(sender) };
      if (msg?.['samp.mtype'] === SELECT) {
        out.push({
          seq: 0,
          type: 'select',
          sender: from,
          table_id: String(params['table-id'] ?? ''),
          rows: ((params['row-list'] as string[]) ?? []).map(Number)
        });
      } else if (msg?.['samp.mtype'] === POINT) {
        out.push({
          seq: 0,
          type: 'point',
          sender: from,
          ra: String(params.ra),
          dec: String(params.dec)
        });
      }
      if (msgId) {
        await this.client.reply(String(msgId), {
          'samp.status': 'samp.ok',
          'samp.result': {}
        });
      }
    }
    return out;
  }

  dispose(): void {
    void this.client.unregister().catch(() => undefined);
  }

  private async _callEach(
    mtype: string,
    params: Record<string, SampValue>,
    to?: string
  ): Promise<ISampReply[]> {
    const reg = this.client.registration;
    const targets = to
      ? [to]
      : (await this.client.subscribed(mtype)).filter(id => id !== reg?.selfId);
    if (!targets.length) {
      throw new Error(
        `no SAMP client accepts ${mtype}: start TOPCAT, Aladin or DS9`
      );
    }
    const names = new Map(
      (await this.status()).clients.map(c => [c.id, c.name])
    );
    return Promise.all(
      targets.map(async id => {
        const name = names.get(id) ?? id;
        try {
          const r = await this.client.callAndWait(id, mtype, params);
          const status = String(r['samp.status'] ?? '');
          if (status === 'samp.ok') {
            return { id, name, status: 'ok' } as ISampReply;
          }
          const err =
            (r['samp.error'] as Record<string, string>)?.['samp.errortxt'] ??
            status;
          return {
            id,
            name,
            status: 'error',
            error: `${name} refused ${mtype}: ${err}`
          } as ISampReply;
        } catch (error) {
          return {
            id,
            name,
            status: 'error',
            error: String((error as Error).message)
          } as ISampReply;
        }
      })
    );
  }

  private _urls = new Map<string, string>();
}
