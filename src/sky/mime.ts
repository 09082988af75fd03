/**
 * Renderer of `application/vnd.escape.sky+json`, published by the Python API (`jupyter_escape.sky`).
 *
 * The output shows a one-line receipt; a fresh command (just executed) is handed to the sky view once. A
 * command replayed from a saved notebook is not run again by itself: the receipt offers a button instead, so
 * opening a notebook never opens views or loads files unasked.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { markStep } from '../components/timing';
import { fetchSpooledTable } from './api';
import { SkyViewerService } from './service';
import {
  ISkyLayerStyle,
  ISkyTableColumns,
  SKY_MIME_TYPE,
  SkyRows,
  SkyTarget
} from './tokens';

/** Commands older than this when rendered are replays (saved notebook), not fresh calls. */
const FRESH_MS = 2 * 60 * 1000;
const SEEN_KEY = 'jupyter-escape:sky-commands-run';

export interface ISkyCommand {
  version: number;
  id: string;
  issued: number;
  view: string;
  command:
    | 'open'
    | 'goTo'
    | 'showTable'
    | 'showFootprints'
    | 'showMOC'
    | 'showFITS'
    | 'select';
  args?: ISkyCommandArgs;
}

/** The arguments of the commands, as jupyter_escape.sky writes them (each command uses its own). */
export interface ISkyCommandArgs {
  target?: SkyTarget;
  fov?: number;
  survey?: string;
  name?: string;
  columns?: ISkyTableColumns;
  /** A table given inline, or `ref` to one the kernel spooled. */
  data?: SkyRows;
  ref?: string;
  style?: ISkyLayerStyle;
  regions?: string[];
  moc?: Record<string, number[]>;
  path?: string;
  credible_level?: number;
  layer?: string;
  ids?: Array<string | number>;
}

/** Run one command against the viewer. */
export async function runCommand(
  viewer: SkyViewerService,
  cmd: ISkyCommand,
  prefetched?: Promise<Record<string, ArrayLike<unknown>>>
): Promise<void> {
  // The kernel's API writes the arguments each command needs: their absence is the viewer's to report.
  const a: ISkyCommandArgs = cmd.args ?? {};
  const view = cmd.view;
  switch (cmd.command) {
    case 'open':
      await viewer.open({
        view,
        target: a.target,
        fov: a.fov,
        survey: a.survey
      });
      return;
    case 'goTo':
      await viewer.goTo(a.target!, a.fov, view);
      return;
    case 'showTable': {
      // Large tables come by reference: the kernel spooled them, the server serves them as Arrow IPC.
      const data = a.ref
        ? await (prefetched ?? fetchSpooledTable(String(a.ref)))
        : a.data;
      markStep('sky-table-here');
      await viewer.showTable(a.name!, a.columns!, data!, a.style, view);
      return;
    }
    case 'showFootprints':
      await viewer.showFootprints(a.name!, a.regions!, a.style, view);
      return;
    case 'showMOC':
      await viewer.showMOC(
        a.name!,
        { json: a.moc, path: a.path, credibleLevel: a.credible_level },
        a.style,
        view
      );
      return;
    case 'showFITS':
      await viewer.showFITS(a.name!, a.path!, view);
      return;
    case 'select':
      await viewer.select(a.layer ?? '', a.ids ?? [], view);
      return;
    default:
      throw new Error(
        `unknown sky command ${String((cmd as { command: unknown }).command)}`
      );
  }
}

function seen(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(SEEN_KEY) ?? '[]'));
  } catch {
    return new Set();
  }
}

function markSeen(id: string): void {
  const ids = [...seen(), id].slice(-500);
  try {
    sessionStorage.setItem(SEEN_KEY, JSON.stringify(ids));
  } catch {
    // Storage full or disabled: at worst a re-rendered output offers its button again.
  }
}

export class SkyCommandRenderer
  extends Widget
  implements IRenderMime.IRenderer
{
  constructor(
    options: IRenderMime.IRendererOptions,
    trans: TranslationBundle,
    queue: { run(cmd: ISkyCommand): Promise<void> }
  ) {
    super();
    this.addClass('jp-escape-SkyReceipt');
    this._trans = trans;
    this._queue = queue;
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const cmd = model.data[SKY_MIME_TYPE] as unknown as ISkyCommand;
    const plain = model.data['text/plain'];
    const text = document.createElement('span');
    text.className = 'jp-escape-SkyReceipt-text';
    text.textContent =
      typeof plain === 'string' ? plain : this._trans.__('Sky view command');
    this.node.replaceChildren(text);
    if (!cmd || typeof cmd !== 'object' || !cmd.command) {
      text.textContent = this._trans.__('Malformed sky view command.');
      return;
    }
    const fresh = Date.now() - (cmd.issued ?? 0) < FRESH_MS;
    if (fresh && !seen().has(cmd.id)) {
      markSeen(cmd.id);
      this._run(cmd, text);
      return;
    }
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'jp-mod-styled jp-escape-SkyReceipt-button';
    again.textContent = this._trans.__('Show in sky view');
    again.addEventListener('click', () => this._run(cmd, text));
    this.node.append(again);
  }

  private _run(cmd: ISkyCommand, text: HTMLElement): void {
    this.node.dataset.state = 'pending';
    this._queue
      .run(cmd)
      .then(() => {
        this.node.dataset.state = 'done';
      })
      .catch(error => {
        this.node.dataset.state = 'error';
        const problem = document.createElement('span');
        problem.className = 'jp-escape-SkyReceipt-error';
        problem.setAttribute('role', 'alert');
        problem.textContent = ` — ${(error as Error).message ?? String(error)}`;
        text.after(problem);
      });
  }

  private _trans: TranslationBundle;
  private _queue: { run(cmd: ISkyCommand): Promise<void> };
}

/** Runs commands one after another: a table sent right after `open` waits for the view, in order. */
export class CommandQueue {
  constructor(viewer: SkyViewerService) {
    this._viewer = viewer;
  }

  run(cmd: ISkyCommand): Promise<void> {
    markStep(`sky-command-${cmd.command}`);
    // A spooled table is fetched at once, while earlier commands wait for the view (Aladin Lite starting).
    const ref = cmd.command === 'showTable' ? cmd.args?.ref : undefined;
    const prefetched = ref ? fetchSpooledTable(String(ref)) : undefined;
    prefetched?.catch(() => undefined); // reported by runCommand, in order
    const result = this._tail.then(() =>
      runCommand(this._viewer, cmd, prefetched)
    );
    this._tail = result.catch(() => undefined);
    return result;
  }

  private _viewer: SkyViewerService;
  private _tail: Promise<void> = Promise.resolve();
}
