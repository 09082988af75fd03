/** The server's SAMP routes (jupyter_escape/handlers/samp.py) and their shapes. */
import { requestAPI } from '../handler';

export type SampMode = 'local' | 'remote';

export interface ISampClient {
  id: string;
  name: string;
  icon_url?: string | null;
  description?: string | null;
  /** The message types of ours it subscribes to. */
  accepts: string[];
  /** Another jupyter-escape client (a tab, a notebook): left out of broadcasts. */
  ours?: boolean;
}

export interface ISampStatus {
  mode: SampMode;
  hub: boolean;
  clients: ISampClient[];
  error: string | null;
  self_id?: string | null;
  hub_url?: string | null;
  own_hub?: boolean;
}

/** What to send: a kept VO result, a basket item or a file below the server root. */
export interface ISampSource {
  kind: 'vo-result' | 'basket' | 'file';
  id?: string;
  item?: string;
  path?: string;
  /** How to send a file: by default FITS images as images, other files as tables. */
  as?: 'table' | 'image' | 'spectrum';
}

export interface ISampReply {
  id: string;
  name: string;
  status: 'ok' | 'warning' | 'error' | 'timeout';
  error?: string;
}

export interface ISampEvent {
  seq: number;
  type: 'table' | 'image' | 'select' | 'point' | 'hub' | 'error';
  sender?: { id: string; name: string };
  table_id?: string;
  rows?: number[];
  source?: ISampSource | null;
  item_id?: string;
  title?: string;
  ra?: string;
  dec?: string;
  state?: string;
  error?: string;
}

/** A sky position sent (with the replies) or received (with the sender's name). */
export interface ISampPoint {
  ra: number;
  dec: number;
  replies?: ISampReply[];
  from?: string;
  code: string;
}

/** "Show me the code" of a position sent: jupyter_escape/samp/snippets.py point_code, for remote mode too. */
export function pointCode(ra: number, dec: number): string {
  return `from jupyter_escape import samp\n\nsamp.point_at(${ra}, ${dec})`;
}

/** Each client's answer: "ok", or its words when it refused or warned. */
export function replyText(replies: ISampReply[]): string {
  // a refusal's text already names the client
  return replies
    .map(r => (r.status === 'ok' ? `${r.name}: ok` : (r.error ?? r.name)))
    .join('; ');
}

export const sampAPI = {
  status: () => requestAPI<ISampStatus>('samp/status'),
  startHub: () =>
    requestAPI<ISampStatus>('samp/hub', {
      method: 'POST',
      body: JSON.stringify({ action: 'start' })
    }),
  select: (tableId: string, rows: number[], to?: string) =>
    requestAPI<{ replies: ISampReply[]; code: string }>('samp/select', {
      method: 'POST',
      body: JSON.stringify({ table_id: tableId, rows, to })
    }),
  point: (ra: number, dec: number, to?: string) =>
    requestAPI<{ replies: ISampReply[]; code: string }>('samp/point', {
      method: 'POST',
      body: JSON.stringify({ ra, dec, to })
    }),
  events: (since: number, timeout: number) =>
    requestAPI<{ events: ISampEvent[]; last: number }>('samp/events', {
      params: { since, timeout }
    })
};
