/** The deposit part of the publish view: what to upload, where, "Save as draft" / "Publish", and the outcome. */
import * as React from 'react';
import { confirmPublication } from './confirmPublication';
import { IOSSRContext } from './context';
import { DepositChoices } from './DepositChoices';
import { IPublishFailureState } from './depositModel';
import { PublishModel } from './publishModel';
import { PublishOutcome } from './PublishOutcome';

/** Deposit after the user confirmed a publication (a draft needs no confirmation). */
export type ConfirmAndPublish = (
  publish: boolean,
  resumeFrom?: IPublishFailureState | null,
  depositId?: number
) => Promise<void>;

export function PublishDeposit(props: {
  ctx: IOSSRContext;
  model: PublishModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const { config, report } = model;
  const confirmAndPublish: ConfirmAndPublish = async (
    publish,
    resumeFrom,
    depositId
  ) => {
    if (publish && !(await confirmPublication(ctx, model))) {
      return;
    }
    await model.deposit.publish(publish, resumeFrom, depositId);
  };
  return (
    <section aria-labelledby="ossr-publish-deposit">
      <h2 id="ossr-publish-deposit">{trans.__('Deposit')}</h2>
      <DepositChoices
        ctx={ctx}
        deposit={model.deposit}
        sandboxUrl={
          config?.sandbox_available ? (config.sandbox_url ?? '') : null
        }
      />
      {!report?.compliant && report && (
        <p className="jp-escape-OSSR-fieldError">
          {trans.__(
            'Fix the errors of the compliance report before depositing.'
          )}
        </p>
      )}
      <div className="jp-escape-OSSR-row">
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!model.canDeposit}
          onClick={() => void confirmAndPublish(false)}
        >
          {trans.__('Save as draft')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={!model.canDeposit}
          onClick={() => void confirmAndPublish(true)}
        >
          {trans.__('Publish')}
        </button>
      </div>
      <PublishOutcome
        ctx={ctx}
        model={model}
        confirmAndPublish={confirmAndPublish}
      />
    </section>
  );
}
