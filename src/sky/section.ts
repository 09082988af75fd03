/** The Sky section of the ESCAPE sidebar: open a view, pick a local HiPS, and how to send data to it. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { listLocalHiPS } from './api';
import { ISkyViewer } from './tokens';

export const SKY_RANK = 500;

export class SkySection extends Widget {
  constructor(viewer: ISkyViewer, trans: TranslationBundle) {
    super();
    this._viewer = viewer;
    this._trans = trans;
    this.addClass('jp-escape-SkySection');
    this.title.label = trans.__('Sky');
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'jp-mod-styled jp-mod-accept';
    open.textContent = trans.__('Open sky view');
    open.addEventListener('click', () => void this._open());
    this._list = document.createElement('ul');
    this._list.className = 'jp-escape-SkySection-list';
    this._list.setAttribute('aria-label', trans.__('Local HiPS surveys'));
    const hint = document.createElement('p');
    hint.className = 'jp-escape-SkySection-hint';
    hint.textContent = trans.__(
      'From a notebook: from jupyter_escape import sky; sky.show_table(df), sky.show_moc("skymap.fits", credible_level=0.9), sky.show_fits("image.fits").'
    );
    this.node.append(open, this._list, hint);
  }

  protected onAfterShow(): void {
    void this._refresh();
  }

  private async _open(survey?: string): Promise<void> {
    try {
      await this._viewer.open({ survey, activate: true });
    } catch {
      // The view shows the reason.
    }
  }

  private async _refresh(): Promise<void> {
    try {
      const { surveys } = await listLocalHiPS();
      this._list.replaceChildren(
        ...surveys.map(s => {
          const item = document.createElement('li');
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'jp-escape-SkySection-survey';
          button.textContent = s.title;
          button.title = this._trans.__('Open a sky view on %1', s.title);
          button.addEventListener('click', () => void this._open(s.id));
          item.append(button);
          return item;
        })
      );
      if (!surveys.length) {
        const item = document.createElement('li');
        item.textContent = this._trans.__(
          'No local HiPS (run stack/escape-stack up hips, or set SkyConfig.hips_dirs).'
        );
        this._list.append(item);
      }
    } catch (error) {
      this._list.textContent = String((error as Error).message ?? error);
    }
  }

  private _viewer: ISkyViewer;
  private _trans: TranslationBundle;
  private _list: HTMLUListElement;
}
