/**
 * A SAMP Web Profile client (SAMP 1.3 §5): the browser, which runs on the user's desktop, joins the desktop's
 * hub at http://127.0.0.1:21012/ with XML-RPC over fetch. Used in remote mode (JupyterHub, Binder), where the
 * Jupyter server cannot see the desktop. Every call has a timeout; a hub that goes away rejects with a message.
 */
import { decodeResponse, encodeCall, SampValue } from './xmlrpc';

export const WEB_PROFILE_URL = 'http://127.0.0.1:21012/';
const CALL_TIMEOUT_MS = 10000;
/** Seconds a desktop tool has to answer: loading a big table takes a while, a selection or position does not. */
export const LOAD_TIMEOUT_S = 20;
export const QUICK_TIMEOUT_S = 10;

export interface IWebRegistration {
  selfId: string;
  hubId: string;
  privateKey: string;
  /** Prefix that makes the hub fetch a URL for us (SAMP 1.3 §5.4): file:// and cross-origin URLs. */
  urlTranslator: string;
}

/** A callback the hub holds for us (pullCallbacks): a message from a desktop tool. */
export interface IWebCallback {
  method: string;
  params: SampValue[];
}

export class WebProfileClient {
  constructor(readonly url: string = WEB_PROFILE_URL) {}

  get registration(): IWebRegistration | null {
    return this._reg;
  }

  async call(
    method: string,
    params: SampValue[],
    timeoutMs = CALL_TIMEOUT_MS,
    keepalive = false
  ): Promise<SampValue> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml' },
        body: encodeCall(`samp.webhub.${method}`, params),
        signal: controller.signal,
        keepalive
      });
    } catch (error) {
      if (controller.signal.aborted) {
        // slow (a loaded desktop), not gone: the registration stays
        throw new Error(
          `the desktop SAMP hub (${this.url}) did not answer within ${timeoutMs / 1000} s`
        );
      }
      this._reg = null; // nothing listens there any more
      throw new Error(
        `no SAMP hub with the Web Profile at ${this.url}: start TOPCAT or Aladin on this computer`
      );
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      throw new Error(`the SAMP hub answered HTTP ${response.status}`);
    }
    return decodeResponse(await response.text());
  }

  /** Register (the hub may ask the user to accept this web page). */
  async register(
    name: string,
    meta: Record<string, string>
  ): Promise<IWebRegistration> {
    const answer = (await this.call(
      'register',
      [{ 'samp.name': name }],
      120000
    )) as Record<string, string>;
    this._reg = {
      selfId: answer['samp.self-id'],
      hubId: answer['samp.hub-id'],
      privateKey: answer['samp.private-key'],
      urlTranslator: answer['samp.url-translator'] ?? ''
    };
    await this.keyed('declareMetadata', [{ 'samp.name': name, ...meta }]);
    return this._reg;
  }

  /** A hub method that takes our private key first. */
  async keyed(
    method: string,
    params: SampValue[],
    timeoutMs?: number
  ): Promise<SampValue> {
    if (!this._reg) {
      throw new Error('not registered with the SAMP hub');
    }
    return this.call(method, [this._reg.privateKey, ...params], timeoutMs);
  }

  async clients(): Promise<
    { id: string; meta: Record<string, string>; subs: string[] }[]
  > {
    const ids = (await this.keyed('getRegisteredClients', [])) as string[];
    return Promise.all(
      ids.map(async id => ({
        id,
        meta: (await this.keyed('getMetadata', [id])) as Record<string, string>,
        subs: Object.keys(
          (await this.keyed('getSubscriptions', [id])) as object
        )
      }))
    );
  }

  async subscribed(mtype: string): Promise<string[]> {
    return Object.keys(
      (await this.keyed('getSubscribedClients', [mtype])) as object
    );
  }

  async callAndWait(
    recipient: string,
    mtype: string,
    params: Record<string, SampValue>,
    timeoutS = LOAD_TIMEOUT_S
  ): Promise<Record<string, SampValue>> {
    return (await this.keyed(
      'callAndWait',
      [
        recipient,
        { 'samp.mtype': mtype, 'samp.params': params },
        String(timeoutS)
      ],
      (timeoutS + 5) * 1000
    )) as Record<string, SampValue>;
  }

  /** Ask the hub to keep messages for us, then subscribe to `mtypes`. */
  async listen(mtypes: string[]): Promise<void> {
    await this.keyed('allowReverseCallbacks', ['1']);
    const subs: Record<string, SampValue> = {};
    for (const m of mtypes) {
      subs[m] = {};
    }
    await this.keyed('declareSubscriptions', [subs]);
  }

  /** Waits up to `waitS` seconds for messages the hub holds for us. */
  async pull(waitS = 10): Promise<IWebCallback[]> {
    const list = (await this.keyed(
      'pullCallbacks',
      [String(waitS)],
      (waitS + 20) * 1000
    )) as Record<string, SampValue>[];
    return list.map(c => ({
      method: String(c['samp.methodName']),
      params: (c['samp.params'] as SampValue[]) ?? []
    }));
  }

  async reply(
    msgId: string,
    response: Record<string, SampValue>
  ): Promise<void> {
    await this.keyed('reply', [msgId, response]);
  }

  /** A URL a desktop tool sent us, as this page can read it: through the hub, which fetches it on the desktop
   * (the hub lets a web client read only URLs that were sent to it). */
  translate(url: string): string {
    return (this._reg?.urlTranslator ?? '') + url;
  }

  /** `keepalive`: from a page that is going away, so the request outlives it. */
  async unregister(keepalive = false): Promise<void> {
    const reg = this._reg;
    if (reg) {
      this._reg = null;
      await this.call('unregister', [reg.privateKey], 3000, keepalive);
    }
  }

  private _reg: IWebRegistration | null = null;
}
