/**
 * Public interfaces and tokens of jupyter-escape.
 *
 * Other plugins (the VO, data lake, OSSR, basket and sky pillars, or third-party extensions) depend on these
 * tokens only, never on the concrete classes: `IEscapeModel` for server state, `IEscapeSidebar` to add a
 * section to the ESCAPE sidebar.
 */
import { Token } from '@lumino/coreutils';
import { IDisposable } from '@lumino/disposable';
import { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

/** The extension's package name, prefix of every plugin id. */
export const EXTENSION_ID = 'jupyter-escape';

/** Plugin ids; `plugin` owns schema/plugin.json (the user settings). */
export namespace PluginIDs {
  export const core = `${EXTENSION_ID}:plugin`;
  export const sidebar = `${EXTENSION_ID}:sidebar`;
  export const services = `${EXTENSION_ID}:services`;
}

/** Command ids, shared so pillars can call them (e.g. open the sidebar after an action). */
export namespace CommandIDs {
  export const openSidebar = 'escape:open-sidebar';
  export const refreshStatus = 'escape:refresh-status';
  export const openActivity = 'escape:open-activity';
}

/** Command palette category of every ESCAPE command. */
export const PALETTE_CATEGORY = 'ESCAPE';

/** Kinds of service the server probes. */
export type ServiceKind =
  'registry' | 'tap' | 'scs' | 'sia' | 'ssa' | 'datalake' | 'software' | string;

/** Authentication state of a service, as the server reports it. */
export type AuthState =
  'none' | 'ok' | 'missing' | 'expired' | 'failed' | 'n/a';

/** One row of `GET escape/api/status`. */
export interface IServiceStatus {
  id: string;
  kind: ServiceKind;
  name: string;
  url: string;
  reachable: boolean;
  auth: AuthState;
  auth_detail: string | null;
  latency_ms: number | null;
  error: string | null;
  detail: string | null;
  /** Who the service knows us as; null where nobody signs in (VO) or the sign-in failed without a way out. */
  identity?: IServiceIdentity | null;
}

/** The identity part of a service row: no credential, only who, how and until when. */
export interface IServiceIdentity {
  account?: string;
  /** oidc | x509 | x509_proxy | userpass */
  method?: string;
  username?: string;
  issuer?: string | null;
  subject?: string | null;
  groups?: string[];
  /** Epoch seconds. */
  expires_at?: number | null;
  /** 'hub single sign-on', 'token file', ... */
  source?: string;
  /** Where to sign in again, when the credential expired or was revoked. */
  recover_url?: string;
}

/** `GET escape/api/status` (or `?service=<id>`, which returns one row). */
export interface IStatusReport {
  checked_at: string;
  services: IServiceStatus[];
  config_errors: string[];
}

/** `GET escape/api/handshake`. */
export interface IHandshakeReply {
  server_version: string;
  api_version: number;
  frontend_version?: string | null;
  versions_match?: boolean;
}

/**
 * What the frontend concluded from the handshake.
 *
 * - `pending`: not asked yet or in flight;
 * - `ok`: server extension present, same version;
 * - `mismatch`: present, but package or API versions differ (features may fail);
 * - `missing`: the route 404s: the server extension is not installed or not enabled;
 * - `error`: any other failure (server down, 5xx, 403).
 */
export type HandshakeState =
  | { kind: 'pending' }
  | { kind: 'ok'; serverVersion: string; apiVersion: number }
  | {
      kind: 'mismatch';
      serverVersion: string;
      frontendVersion: string;
      apiVersion: number;
      frontendApiVersion: number;
    }
  | { kind: 'missing' }
  | { kind: 'error'; message: string; status: number };

/** The shared client-side state of the server extension. */
export interface IEscapeModel extends IDisposable {
  /** This frontend's package version. */
  readonly frontendVersion: string;
  /** The latest handshake outcome. */
  readonly handshake: HandshakeState;
  /** Emitted when `handshake` changes. */
  readonly handshakeChanged: ISignal<IEscapeModel, HandshakeState>;
  /** Ask the server for its version again. */
  checkHandshake(): Promise<HandshakeState>;

  /** The latest status report, or null before the first successful check. */
  readonly status: IStatusReport | null;
  /** The error of the latest failed status request (the last good report is kept). */
  readonly statusError: Error | null;
  /** True while a full status request is in flight. */
  readonly isRefreshing: boolean;
  /** Ids of services being rechecked one by one. */
  readonly recheckingServices: ReadonlySet<string>;
  /** Emitted whenever status, statusError, isRefreshing or recheckingServices change. */
  readonly statusChanged: ISignal<IEscapeModel, void>;
  /** Check every service now (concurrent callers share one request). */
  refreshStatus(): Promise<IStatusReport | null>;
  /** Recheck one service and merge its row into `status`. */
  recheckService(id: string): Promise<IServiceStatus | null>;

  /** Seconds between automatic status checks; 0 turns them off. */
  refreshInterval: number;
  /**
   * Declare that something on screen shows the status. Automatic refresh runs only while at least one
   * watcher is held and the browser tab is visible; dispose the result when the view is hidden.
   */
  watchStatus(): IDisposable;
}

export const IEscapeModel = new Token<IEscapeModel>(
  `${EXTENSION_ID}:IEscapeModel`,
  'Client-side state of the jupyter-escape server extension: handshake and service status.'
);

/** Options of a sidebar section. */
export interface ISectionOptions {
  /** Lower ranks come first. Services uses 100; pillars should use 200, 300, ... */
  rank?: number;
  /** Start collapsed (default false). */
  collapsed?: boolean;
}

/** The ESCAPE sidebar: a panel of collapsible sections, one per pillar. */
export interface IEscapeSidebar {
  /** The sidebar widget's DOM id (for `app.shell.activateById`). */
  readonly id: string;
  /**
   * Add a section; its `title.label` is the section heading. Dispose the result to remove it.
   * A section is a Lumino widget and is hidden while collapsed or while the sidebar is closed: use
   * `onAfterShow`/`onAfterHide` to start and stop any work that only matters on screen.
   */
  addSection(widget: Widget, options?: ISectionOptions): IDisposable;
  /** Open the sidebar and expand the section holding `widget` (if given). */
  reveal(widget?: Widget): void;
  /** Add a button (or any small widget) to the sidebar's header toolbar. */
  addToolbarItem(name: string, item: Widget): void;
}

export const IEscapeSidebar = new Token<IEscapeSidebar>(
  `${EXTENSION_ID}:IEscapeSidebar`,
  'The ESCAPE sidebar; plugins add their sections to it.'
);
