/** A SAMP send as a job (jupyter_escape/samp/sends.py): its shape and its routes. */
import { requestAPI } from '../handler';
import type { ISampReply, ISampSource } from './api';

export interface ISampSend {
  id: string;
  /** preparing → sending → done | failed | cancelled | interrupted */
  state: string;
  active: boolean;
  mode: 'local' | 'remote';
  name: string;
  to: string;
  source: ISampSource | null;
  mtype: string | null;
  table_id: string | null;
  rows: number | null;
  /** Bytes of VOTable written so far, of about `estimate` (null: a file sent as it is). */
  written: number;
  estimate: number | null;
  /** The file's size once prepared; the furthest reader has read `served` bytes of it in `fetches` reads. */
  size: number | null;
  served: number;
  fetches: number;
  /** Who the server sent it to (local mode), by name. */
  recipients: string[];
  replies: ISampReply[];
  /** Remote mode: the signed link, relative to the server's base URL. */
  link: string | null;
  /** Local mode: the URL the desktop was sent. */
  url: string | null;
  meta?: Record<string, string> | null;
  code: string | null;
  error: string | null;
  /** 0..1 of the current phase; null when unknown. */
  progress: number | null;
  created_at: number;
  ended_at: number | null;
}

export const sendAPI = {
  /** Starts a send and answers the job at once (202). `link`: remote mode, the browser sends the link. */
  start: (body: {
    source: ISampSource;
    to?: string;
    as?: string;
    name?: string;
    link?: boolean;
  }) =>
    requestAPI<ISampSend>('samp/send', {
      method: 'POST',
      body: JSON.stringify({ ...body, wait: false })
    }),
  list: (signal?: AbortSignal) =>
    requestAPI<{ sends: ISampSend[] }>('samp/sends', { signal }).then(
      r => r.sends
    ),
  get: (id: string) =>
    requestAPI<ISampSend>(`samp/sends/${encodeURIComponent(id)}`),
  cancel: (id: string) =>
    requestAPI<ISampSend>(`samp/sends/${encodeURIComponent(id)}/cancel`, {
      method: 'POST',
      body: '{}'
    }),
  /** Remote mode: what the desktop tools answered the browser. */
  replies: (id: string, replies: ISampReply[], url: string, error?: string) =>
    requestAPI<ISampSend>(`samp/sends/${encodeURIComponent(id)}/replies`, {
      method: 'POST',
      body: JSON.stringify({ replies, url, error: error ?? null })
    })
};
