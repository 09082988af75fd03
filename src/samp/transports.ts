/**
 * The two ways SAMP messages travel. Local: the Jupyter server is on the desktop and talks to its hub (Standard
 * Profile); the browser only calls the server. Remote: the browser joins the desktop's hub (Web Profile) and
 * sends short-lived signed links to data the Jupyter server serves.
 */
import {
  ISampEvent,
  ISampReply,
  ISampSource,
  ISampStatus,
  sampAPI
} from './api';
import { ISampSend, sendAPI } from './sendApi';

export const SELECT = 'table.select.rowList';
export const POINT = 'coord.pointAt.sky';
/** What desktop tools may send us that carries data (it goes into the basket). */
export const LOADED = [
  'table.load.votable',
  'table.load.fits',
  'image.load.fits'
];
/** Metadata every jupyter-escape SAMP client declares (jupyter_escape/samp/mtypes.py OURS_KEY). */
export const OURS_KEY = 'x-escape.jupyter-escape';
/** The message types we send (a client's "accepts" lists these). */
export const OURS = [...LOADED, 'spectrum.load.ssa-generic', SELECT, POINT];

export interface ISampTransport {
  status(): Promise<ISampStatus>;
  /** Starts a send (a job on the server: the data is prepared there) and answers it at once. */
  start(source: ISampSource, to?: string, name?: string): Promise<ISampSend>;
  /**
   * Remote mode: once the job has its link, the browser sends it through the desktop's hub and reports the
   * replies to the job (local mode: the server does both, there is no deliver).
   */
  deliver?(send: ISampSend): Promise<ISampSend>;
  select(tableId: string, rows: number[]): Promise<ISampReply[]>;
  point(ra: number, dec: number, to?: string): Promise<ISampReply[]>;
  /** Waits for what desktop tools send (long poll); an empty list after a quiet while. */
  nextEvents(): Promise<ISampEvent[]>;
  connect?(): Promise<void>;
  dispose(): void;
}

export class LocalTransport implements ISampTransport {
  status(): Promise<ISampStatus> {
    return sampAPI.status();
  }

  start(source: ISampSource, to?: string, name?: string): Promise<ISampSend> {
    return sendAPI.start({ source, to, name, as: source.as });
  }

  async select(tableId: string, rows: number[]): Promise<ISampReply[]> {
    return (await sampAPI.select(tableId, rows)).replies;
  }

  async point(ra: number, dec: number, to?: string): Promise<ISampReply[]> {
    return (await sampAPI.point(ra, dec, to)).replies;
  }

  async nextEvents(): Promise<ISampEvent[]> {
    if (this._since < 0) {
      // A page that opens now starts from the present: what arrived before it was shown by another page.
      this._since = (await sampAPI.events(0, 0)).last;
      return [];
    }
    const answer = await sampAPI.events(this._since, 20);
    this._since = answer.last;
    return answer.events;
  }

  dispose(): void {
    /* nothing held */
  }

  private _since = -1;
}
