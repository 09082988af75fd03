/**
 * A sky view's base survey: shown in the toolbar, loaded in Aladin Lite, and when it cannot be loaded, said so
 * with a fall back to a local survey so the sky is not left blank (a local one that fails is only reported:
 * no loop between two broken surveys).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { AladinView } from './aladinView';
import { SkyModel } from './model';
import { SkyToolbar } from './toolbar';

export class ViewSurvey {
  constructor(
    private _model: SkyModel,
    private _toolbar: SkyToolbar,
    private _trans: TranslationBundle,
    private _view: () => AladinView | null
  ) {}

  /** Show the survey `ref` (id or URL of a listed survey, or any HiPS URL). */
  set(ref: string): void {
    const survey = this._model.findSurvey(ref);
    const url = survey?.url ?? ref;
    this._toolbar.setSurvey(survey?.id ?? '');
    const view = this._view();
    if (!view) {
      return;
    }
    const title = survey?.title ?? url;
    try {
      view.setSurvey(url, title, () => this._failed(title, url));
    } catch (error) {
      this._model.setMessage('error', String(error));
    }
  }

  private _failed(title: string, url: string): void {
    const surveys = this._model.surveys;
    const failedIsLocal = surveys.some(
      s => s.origin === 'local' && s.url === url
    );
    const local = failedIsLocal
      ? undefined
      : surveys.find(s => s.origin === 'local');
    const reason = this._trans.__(
      'The survey "%1" could not be loaded from %2 (no internet access, moved, or not a HiPS).',
      title,
      url
    );
    if (!local) {
      this._model.setMessage('error', reason);
      return;
    }
    this.set(local.id);
    this._model.setMessage(
      'warn',
      this._trans.__(
        '%1 Showing the local survey "%2" instead.',
        reason,
        local.title
      )
    );
  }
}
