/** The publish view's outcome: the upload's progress, a failure to resume, or the draft / published record. */
import * as React from 'react';
import { Busy, ErrorBox } from './components';
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
        <div className="jp-escape-OSSR-progress">
          {step.file !== null ? (
            <progress
              max={step.total}
              value={step.done}
              aria-label={trans.__('Upload progress')}
            />
          ) : (
            <progress aria-label={trans.__('Upload progress')} />
          )}
          <Busy
            label={
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
            }
          />
        </div>
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
