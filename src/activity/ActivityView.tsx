/**
 * Activity (main area): every long-running job of every pillar in one list, with its state, progress,
 * Cancel and "Re-attach in a notebook". Renders an ActivityModel; polls only while on screen.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { formatTime } from '../components/format';
import { JobList } from '../components/JobList';
import { JobRow } from '../components/JobRow';
import { useSignals } from '../components/useSignals';
import { ActivityHeader } from './ActivityHeader';
import { ActivityModel } from './model';
import { IActivityJob, kindLabel } from './registry';

export class ActivityView extends ReactWidget {
  constructor(
    readonly model: ActivityModel,
    private _trans: TranslationBundle,
    private _insertCode: (code: string) => Promise<unknown>
  ) {
    super();
    this.id = 'jp-escape-activity';
    this.addClass('jp-escape-ActivityView');
    this.title.label = _trans.__('Activity');
    this.title.caption = _trans.__('Long-running jobs of every ESCAPE pillar');
    this.title.closable = true;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.model.setOnScreen(true);
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this.model.setOnScreen(this.isVisible);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.setOnScreen(false);
  }

  protected onBeforeDetach(msg: Message): void {
    this.model.setOnScreen(false);
    super.onBeforeDetach(msg);
  }

  render(): JSX.Element {
    return (
      <Activity
        model={this.model}
        trans={this._trans}
        insertCode={this._insertCode}
      />
    );
  }
}

function Activity(props: {
  model: ActivityModel;
  trans: TranslationBundle;
  insertCode: (code: string) => Promise<unknown>;
}): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed]);
  const row = (job: IActivityJob) => (
    <JobRow
      as="li"
      trans={trans}
      className="jp-escape-Activity-row"
      job={job.view}
      title={
        <>
          <span className="jp-escape-Activity-kind">
            {kindLabel(job.kind, trans)}
          </span>{' '}
          <span className="jp-escape-Activity-title">{job.title}</span>
        </>
      }
      meta={[job.where, job.startedAt ? formatTime(job.startedAt / 1000) : '']
        .filter(Boolean)
        .join(' · ')}
      onCancel={job.cancel ? () => model.cancel(job) : undefined}
      insertCode={props.insertCode}
    />
  );
  return (
    <div className="jp-escape-Activity">
      <ActivityHeader model={model} trans={trans} />
      {model.errors.map(([source, error]) => (
        <ErrorBox
          key={source.name}
          error={error}
          trans={trans}
          hint={trans.__('%1 could not be listed.', source.label(trans))}
          onRetry={() => model.reload()}
        />
      ))}
      <JobList
        trans={trans}
        label={trans.__('Long-running jobs')}
        jobs={model.shown}
        empty={trans.__(
          'No job here: queries, staging, uploads and cross-matches started from any panel or notebook show up here.'
        )}
        renderRow={row}
      />
    </div>
  );
}
