/** The publish view's outcome: the upload's progress, a failure to resume, or the draft / published record. */
import * as React from 'react';
import { Busy, JobRow } from '../components';
import { ErrorBox } from './components';
import { IOSSRContext } from './context';
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
  const { step, failure, result, busy } = model;
  const outcome = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (result || failure || step) {
      outcome.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [result, failure, step]);
  return (
    <div ref={outcome}>
      {step && (
        <JobRow
          trans={trans}
          className="jp-escape-OSSR-progress"
          job={{
            id: String(step.index),
            state: trans.__('uploading'),
            level: 'running',
            active: model.canCancel,
            // the release zip is built and sent in one call: no fraction to show
            progress: step.file !== null ? step.done / step.total : null,
            progressText:
              step.file !== null
                ? trans.__(
                    'Uploading %1 (%2 of %3)…',
                    step.file,
                    step.index + 1,
                    step.total
                  )
                : trans.__(
                    'Zipping the folder, uploading codemeta.json and the release zip…'
                  )
          }}
          title={
            <Busy
              inline
              classPrefix="jp-escape-OSSR"
              label={trans.__('Depositing')}
            />
          }
          label={trans.__('Upload progress')}
          onCancel={async () => model.cancelPublish()}
          cancelTitle={trans.__(
            'Stop before the next file; the draft keeps what went up and the rest can be resumed'
          )}
        />
      )}
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
                onClick={() => void model.publish(false, failure)}
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
