/** The VO main-area views, loaded on first use (they pull in the grid, CodeMirror and apache-arrow). */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { IVOContext } from './context';
import { JobsList } from './JobsList';

export { DalView } from './DalView';
export { RegistryView } from './RegistryView';
export { ServiceView } from './ServiceView';

/** Every async job, across services. */
export class JobsView extends ReactWidget {
  constructor(
    private _ctx: IVOContext,
    private _onShowResult: (job: import('./api').IJob) => void
  ) {
    super();
    this.addClass('jp-escape-JobsView');
    this.id = 'jp-escape-vo-jobs';
    this.title.label = _ctx.trans.__('VO Jobs');
    this.title.closable = true;
  }

  render(): JSX.Element {
    return React.createElement(JobsList, {
      trans: this._ctx.trans,
      onShowResult: this._onShowResult,
      onOpenService: (url: string) => this._ctx.openService(url)
    });
  }
}
