/**
 * A message a desktop tool sent through the hub (a pulled callback): the event it makes for the page
 * (a selection, a position, a table or image now in the basket, an error) and the reply its sender waits for.
 */
import { ISampEvent } from './api';
import { LOADED, POINT, SELECT } from './transports';
import { receiveData } from './webReceive';
import { IWebCallback, WebProfileClient } from './webProfile';
import { SampValue } from './xmlrpc';

type Reply = Record<string, SampValue>;

/** A plain samp.ok (a fresh object each time: it goes to the hub as it is). */
const ok = (): Reply => ({ 'samp.status': 'samp.ok', 'samp.result': {} });

/** Handle one callback: its event (if the page cares) after replying to a call. */
export async function handleCallback(
  client: WebProfileClient,
  cb: IWebCallback,
  nameOf: (id: string) => Promise<string>
): Promise<ISampEvent[]> {
  const call = cb.method === 'receiveCall';
  const [sender, msgId, message] = call
    ? [cb.params[0], cb.params[1], cb.params[2]]
    : [cb.params[0], null, cb.params[1]];
  const msg = (message ?? {}) as Record<string, SampValue>;
  const mtype = String(msg['samp.mtype'] ?? '');
  const params = (msg['samp.params'] ?? {}) as Record<string, SampValue>;
  const from = { id: String(sender), name: await nameOf(String(sender)) };
  const [event, reply] = await eventOf(client, mtype, params, from);
  if (msgId) {
    await client.reply(String(msgId), reply).catch(() => undefined);
  }
  return event ? [event] : [];
}

async function eventOf(
  client: WebProfileClient,
  mtype: string,
  params: Record<string, SampValue>,
  from: { id: string; name: string }
): Promise<[ISampEvent | null, Reply]> {
  if (mtype === SELECT) {
    const rows = ((params['row-list'] as string[]) ?? []).map(Number);
    const tableId = String(params['table-id'] ?? '');
    return [
      { seq: 0, type: 'select', sender: from, table_id: tableId, rows },
      ok()
    ];
  }
  if (mtype === POINT) {
    const [ra, dec] = [String(params.ra), String(params.dec)];
    return [{ seq: 0, type: 'point', sender: from, ra, dec }, ok()];
  }
  if (!LOADED.includes(mtype)) {
    return [null, ok()];
  }
  try {
    const received = await receiveData(client, mtype, params, from);
    const event: ISampEvent = {
      seq: 0,
      type: mtype.startsWith('image') ? 'image' : 'table',
      sender: from,
      item_id: received.item_id,
      title: received.title
    };
    const result = { 'item-id': received.item_id ?? '' };
    return [event, { 'samp.status': 'samp.ok', 'samp.result': result }];
  } catch (error) {
    const text = (error as Error).message;
    return [
      { seq: 0, type: 'error', sender: from, error: text },
      { 'samp.status': 'samp.error', 'samp.error': { 'samp.errortxt': text } }
    ];
  }
}
