/**
 * Remote mode, receiving: a desktop tool sent a table or image to this browser. Its URL points at the user's
 * computer (file://, or the tool's own server on 127.0.0.1), which the Jupyter server cannot reach, so the
 * browser reads it through the desktop hub's URL translator and streams the bytes to the server, which puts
 * them in the basket naming the sending application (handlers/samp.py ReceiveHandler).
 */
import { requestAPI } from '../handler';
import { WebProfileClient } from './webProfile';
import { SampValue } from './xmlrpc';

/** The same bound as the server's (jupyter_escape/samp/receive.py MAX_RECEIVE_BYTES). */
export const MAX_RECEIVE_BYTES = 512 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 120000;

export interface IReceived {
  item_id?: string;
  title?: string;
  rows?: number;
  path?: string;
}

function tooBig(): Error {
  return new Error(
    `the data is larger than ${MAX_RECEIVE_BYTES} bytes (the SAMP receive limit)`
  );
}

/** The bytes behind `url`, read through the hub, bounded in size and time. */
export async function readFromDesktop(
  client: WebProfileClient,
  url: string
): Promise<Blob> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(client.translate(url), {
        signal: controller.signal
      });
    } catch {
      throw new Error(
        controller.signal.aborted
          ? `reading ${url} took more than ${FETCH_TIMEOUT_MS / 1000} s`
          : `the desktop SAMP hub could not read ${url}`
      );
    }
    if (!response.ok) {
      throw new Error(
        `reading ${url} through the desktop SAMP hub: HTTP ${response.status}`
      );
    }
    if (
      Number(response.headers.get('Content-Length') ?? 0) > MAX_RECEIVE_BYTES
    ) {
      throw tooBig();
    }
    const chunks: BlobPart[] = [];
    let total = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      total += value.byteLength;
      if (total > MAX_RECEIVE_BYTES) {
        controller.abort();
        throw tooBig();
      }
      chunks.push(value);
    }
    return new Blob(chunks);
  } finally {
    clearTimeout(timer);
  }
}

/** Read what a load message points at and hand it to the server's basket. */
export async function receiveData(
  client: WebProfileClient,
  mtype: string,
  params: Record<string, SampValue>,
  sender: { id: string; name: string }
): Promise<IReceived> {
  const url = typeof params.url === 'string' ? params.url : '';
  if (!url) {
    throw new Error('the message has no url');
  }
  const data = await readFromDesktop(client, url);
  const query: Record<string, string> = {
    mtype,
    url,
    sender_id: sender.id,
    sender_name: sender.name
  };
  if (typeof params.name === 'string' && params.name) {
    query.name = params.name.slice(0, 256);
  }
  return requestAPI<IReceived>('samp/receive', {
    method: 'POST',
    body: data,
    headers: { 'Content-Type': 'application/octet-stream' },
    params: query
  });
}
