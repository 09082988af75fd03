/**
 * SAMP: a sidebar section under Services (mode, hub, clients), the "Send via SAMP" command used by the VO
 * results, the basket and the file browser (workspace and staged data-lake files), selection sync through the
 * shared row selections, and desktop positions shown on the sky. See docs/samp.md.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { registerActivitySource } from '../activity/registry';
import { insertCode } from '../common/insertCode';
import { ILinkedSelections, SelectionRegistry } from '../plots/selection';
import { ISkyViewer } from '../sky/tokens';
import { LazySection } from '../components/LazySection';
import { EXTENSION_ID, IEscapeSidebar } from '../tokens';
import { sampActivity } from './activitySource';
import { ISampEvent, ISampSource } from './api';
import { SampModel } from './model';
import { ISampSend } from './sendApi';

export namespace SampCommandIDs {
  /** args: {source: {kind, id|item|path}, name?, to?} */
  export const send = 'escape:samp-send';
  export const sendFile = 'escape:samp-send-file';
  export const sendSpectrum = 'escape:samp-send-spectrum';
}

const SPECTRUM = /\.(fits|fit|vot|xml)$/i;
const SENDABLE =
  /\.(vot|votable|xml|fits|fit|fts|fits\.gz|parquet|csv|ecsv|arrow|feather)$/i;

export const sampPlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:samp`,
  description:
    'SAMP between JupyterLab and desktop tools (TOPCAT, Aladin, DS9).',
  autoStart: true,
  requires: [IEscapeSidebar],
  optional: [
    ITranslator,
    ILinkedSelections,
    ISkyViewer,
    IDefaultFileBrowser,
    INotebookTracker
  ],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    selections: SelectionRegistry | null,
    sky: ISkyViewer | null,
    browser: IDefaultFileBrowser | null,
    notebooks: INotebookTracker | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyter_escape');
    const model = new SampModel(selections);
    const section = new LazySection({
      label: trans.__('SAMP: desktop tools'),
      caption: trans.__('TOPCAT, Aladin, DS9 and other SAMP applications'),
      load: async () =>
        new (await import('./SampSection')).SampSection(
          model,
          trans,
          async code => {
            await insertCode(app, notebooks, code);
          }
        ),
      failure: error => trans.__('Could not load the SAMP section: %1', error)
    });
    sidebar.addSection(section, { rank: 101 });
    registerActivitySource(sampActivity);

    const send = sender(model, trans);
    addCommands(app, trans, browser, send);
    model.received.connect((_, event) => received(event, trans, sky));
  }
};

type Send = (
  source: ISampSource,
  name?: string,
  to?: string
) => Promise<ISampSend | null>;

/** Send over SAMP and say who took it (and each refusal in the refusing client's words). */
function sender(model: SampModel, trans: TranslationBundle): Send {
  return async (source: ISampSource, name?: string, to?: string) => {
    try {
      const sent = await model.send(source, to, name);
      if (sent.state === 'cancelled') {
        Notification.info(trans.__('Sending %1 was cancelled', sent.name), {
          autoClose: 4000
        });
        return sent;
      }
      const replies = sent.replies;
      const ok = replies.filter(r => r.status === 'ok').map(r => r.name);
      const bad = replies.filter(r => r.status !== 'ok');
      if (ok.length) {
        Notification.success(
          trans.__('Sent %1 to %2', sent.name, ok.join(', ')),
          { autoClose: 4000 }
        );
      }
      for (const r of bad) {
        Notification.warning(r.error ?? r.name, { autoClose: 8000 });
      }
      return sent;
    } catch (error) {
      Notification.error(trans.__('SAMP: %1', (error as Error).message));
      return null;
    }
  };
}

/** The send commands (used by the other views) and the file browser's context-menu items. */
function addCommands(
  app: JupyterFrontEnd,
  trans: TranslationBundle,
  browser: IDefaultFileBrowser | null,
  send: Send
): void {
  app.commands.addCommand(SampCommandIDs.send, {
    label: trans.__('Send via SAMP'),
    caption: trans.__('Send to desktop tools (TOPCAT, Aladin, DS9) over SAMP'),
    execute: args =>
      send(
        args.source as unknown as ISampSource,
        args.name as string | undefined,
        args.to as string | undefined
      )
  });
  app.commands.addCommand(SampCommandIDs.sendFile, {
    label: trans.__('Send via SAMP'),
    caption: trans.__('Send the selected file to desktop tools over SAMP'),
    isVisible: () =>
      !!browser &&
      Array.from(browser.selectedItems()).some(
        i => i.type !== 'directory' && SENDABLE.test(i.name)
      ),
    execute: async args => {
      const paths = args.path
        ? [args.path as string]
        : Array.from(browser?.selectedItems() ?? [])
            .filter(i => i.type !== 'directory')
            .map(i => i.path);
      for (const path of paths) {
        await send({ kind: 'file', path });
      }
    }
  });
  app.commands.addCommand(SampCommandIDs.sendSpectrum, {
    label: trans.__('Send via SAMP as a spectrum'),
    caption: trans.__(
      'Send the selected FITS or VOTable spectrum to spectrum viewers (spectrum.load.ssa-generic)'
    ),
    isVisible: () =>
      !!browser &&
      Array.from(browser.selectedItems()).some(
        i => i.type !== 'directory' && SPECTRUM.test(i.name)
      ),
    execute: async args => {
      const paths = args.path
        ? [args.path as string]
        : Array.from(browser?.selectedItems() ?? [])
            .filter(i => i.type !== 'directory' && SPECTRUM.test(i.name))
            .map(i => i.path);
      for (const path of paths) {
        await send({ kind: 'file', path, as: 'spectrum' });
      }
    }
  });
  if (browser) {
    for (const [command, rank] of [
      [SampCommandIDs.sendFile, 62],
      [SampCommandIDs.sendSpectrum, 63]
    ] as const) {
      app.contextMenu.addItem({
        command,
        selector: '.jp-DirListing-item[data-isdir="false"]',
        rank
      });
    }
  }
}

/** What desktop tools send: tables and images are in the basket (say so), positions move the sky. */
function received(
  event: ISampEvent,
  trans: TranslationBundle,
  sky: ISkyViewer | null
): void {
  if (event.type === 'table' || event.type === 'image') {
    Notification.info(
      trans.__(
        '%1 sent "%2": it is in the research basket',
        event.sender?.name ?? '?',
        event.title ?? ''
      ),
      { autoClose: 6000 }
    );
  } else if (event.type === 'point' && sky) {
    void sky
      .goTo({ ra: Number(event.ra), dec: Number(event.dec) })
      .catch(() => undefined);
  } else if (event.type === 'error') {
    Notification.warning(trans.__('SAMP: %1', event.error ?? ''), {
      autoClose: 8000
    });
  }
}
