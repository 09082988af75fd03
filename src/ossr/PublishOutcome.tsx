/** The publish view's outcome: the publish job's progress, a failure to resume, or the draft / published record. */
import * as React from 'react';
import { Busy, JobRow } from '../components';
import { ErrorBox } from './components';
import { IOSSRContext } from './context';
import { publishJobActive, publishJobView } from './jobViews';
import { ConfirmAndPublish } from './PublishDeposit';
import { PublishModel } from './publishModel';
import { PublishResult } from './PublishResult';

export function PublishOutcome(props: {
  ctx: IOSSRContext;
  model: PublishModel;
  confirmAndPublish: ConfirmAndPublish;
}): JSX.Element {
  const { ctx, model, confirmAndPublish } = props;
  const trans = ctx.trans;
  const deposit = model.deposit;
  const { job, failure, result, busy, startError } = deposit;
  const running = job !== null && publishJobActive(job);
  const outcome = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (result || failure || running) {
      outcome.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [result, failure, running]);
  return (
    <div ref={outcome}>
      {job && running && (
        <JobRow
          trans={trans}
          className="jp-escape-OSSR-progress"
          job={{ ...publishJobView(job, trans), active: true }}
          title={
            <Busy
              inline
              classPrefix="jp-escape-OSSR"
              label={trans.__('Depositing')}
            />
          }
          label={trans.__('Upload progress')}
          onCancel={deposit.canCancel ? () => deposit.cancel() : undefined}
          cancelTitle={trans.__(
            'Stop before the next file; the draft keeps what went up and the rest can be resumed'
          )}
        />
      )}
      {startError !== null && <ErrorBox error={startError} trans={trans} />}
      {failure && (
        <div className="jp-escape-OSSR-failure">
          <ErrorBox error={failure.error} trans={trans} />
          {failure.depositId !== null && (
            <div
              className="jp-escape-Banner jp-escape-Banner-warn"
              role="status"
            >
              <p>
                {trans.__('Deposition %1 stays a draft.', failure.depositId)}{' '}
                {trans.__(
                  'Uploaded: %1.',
                  failure.uploaded.join(', ') || trans.__('nothing')
                )}{' '}
                {trans.__(
                  'Remaining: %1.',
                  failure.remaining.join(', ') || trans.__('nothing')
                )}
              </p>
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                disabled={busy}
                onClick={() => void deposit.publish(false, failure)}
              >
                {trans.__('Resume the upload (keep a draft)')}
              </button>{' '}
              <button
                type="button"
                className="jp-mod-styled"
                disabled={busy}
                onClick={() => void confirmAndPublish(true, failure)}
              >
                {trans.__('Resume and publish')}
              </button>{' '}
              {failure.htmlUrl && (
                <a
                  href={failure.htmlUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {trans.__('Open the draft')}
                </a>
              )}
            </div>
          )}
        </div>
      )}
      {result && (
        <PublishResult
          ctx={ctx}
          model={model}
          result={result}
          confirmAndPublish={confirmAndPublish}
        />
      )}
    </div>
  );
}
