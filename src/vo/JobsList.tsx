/**
 * TAP async jobs (UWS), per service or across services, on the shared job row. The server persists the list,
 * so it survives a reload; unfinished jobs are polled (only while some are unfinished, by the TapJobsModel)
 * and every UWS phase is shown as is, HELD and SUSPENDED included.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobList } from '../components/JobList';
import { useNow } from '../components/useNow';
import { useSignals } from '../components/useSignals';
import { IJob } from './api';
import { ErrorBox } from './components';
import { TapJobsModel } from './model/jobs';
import { ITapJobActions, TapJobRow } from './TapJobRow';

export function JobsList(
  props: ITapJobActions & {
    trans: TranslationBundle;
    serviceUrl?: string;
    /** Bumped by the parent after a submission, to reload at once. */
    reloadKey?: number;
  }
): JSX.Element {
  const { trans, serviceUrl } = props;
  const model = React.useMemo(() => new TapJobsModel(serviceUrl), [serviceUrl]);
  useSignals([model.changed]);
  React.useEffect(() => {
    model.list.setOnScreen(true);
    return () => model.dispose();
  }, [model]);
  React.useEffect(() => model.list.reload(), [model, props.reloadKey]);
  const jobs = model.jobs;
  const unfinished = model.unfinished;
  const now = useNow(unfinished);
  const error = model.error;

  return (
    <div className="jp-escape-Jobs">
      <div className="jp-escape-Jobs-toolbar">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => model.list.reload()}
        >
          {trans.__('Refresh jobs')}
        </button>
        {unfinished && (
          <span className="jp-escape-VO-muted" role="status">
            {trans.__('Watching unfinished jobs…')}
          </span>
        )}
      </div>
      {error && <ErrorBox error={error} trans={trans} />}
      <JobList
        trans={trans}
        label={trans.__('Async jobs')}
        className="jp-escape-Jobs-list"
        jobs={error && !jobs ? [] : jobs}
        empty={
          error
            ? ''
            : trans.__('No async jobs yet. Submit a query to start one.')
        }
        renderRow={(job: IJob) => (
          <TapJobRow
            trans={trans}
            onShowResult={props.onShowResult}
            onOpenService={props.onOpenService}
            insertCode={props.insertCode}
            model={model}
            job={job}
            now={now}
            ofOneService={!!serviceUrl}
          />
        )}
      />
    </div>
  );
}
