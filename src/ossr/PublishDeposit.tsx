/** The deposit part of the publish view: what to upload, where, "Save as draft" / "Publish", and the outcome. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import * as React from 'react';
import { IOSSRContext } from './context';
import { IPublishFailureState, PublishModel, UploadType } from './publishModel';
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
  const { config, report, filesMode } = model;
  const confirmAndPublish: ConfirmAndPublish = async (
    publish,
    resumeFrom,
    depositId
  ) => {
    if (publish && !(await confirmPublication(ctx, model))) {
      return;
    }
    await model.publish(publish, resumeFrom, depositId);
  };
  return (
    <section aria-labelledby="ossr-publish-deposit">
      <h2 id="ossr-publish-deposit">{trans.__('Deposit')}</h2>
      <fieldset className="jp-escape-OSSR-fieldset" disabled={model.busy}>
        <legend>{trans.__('What to upload')}</legend>
        <label className="jp-escape-OSSR-check">
          <input
            type="radio"
            name="ossr-files"
            checked={filesMode === 'zip'}
            onChange={() => model.setFilesMode('zip')}
          />
          {trans.__(
            'codemeta.json and a release zip of the folder (without .git and build clutter)'
          )}
        </label>
        <label className="jp-escape-OSSR-check">
          <input
            type="radio"
            name="ossr-files"
            checked={filesMode === 'chosen'}
            disabled={model.folderFiles.length === 0}
            onChange={() => model.setFilesMode('chosen')}
          />
          {trans.__('codemeta.json and these files of the folder:')}
        </label>
        {filesMode === 'chosen' && (
          <div className="jp-escape-OSSR-fileChoice">
            {model.choosableFiles.map(f => (
              <label key={f} className="jp-escape-OSSR-check">
                <input
                  type="checkbox"
                  checked={model.chosen.includes(f)}
                  onChange={e => model.choose(f, e.target.checked)}
                />
                {f}
              </label>
            ))}
          </div>
        )}
        <label className="jp-escape-OSSR-field">
          {trans.__('Upload type')}
          <select
            className="jp-mod-styled"
            value={model.uploadType}
            onChange={e => model.setUploadType(e.target.value as UploadType)}
          >
            <option value="software">{trans.__('software')}</option>
            <option value="dataset">{trans.__('dataset')}</option>
          </select>
        </label>
        {config?.sandbox_available && (
          <label className="jp-escape-OSSR-check">
            <input
              type="checkbox"
              checked={model.sandbox}
              onChange={e => model.setSandbox(e.target.checked)}
            />
            {trans.__(
              'Sandbox (a test repository: %1)',
              config.sandbox_url ?? ''
            )}
          </label>
        )}
      </fieldset>
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

/** "Publish <name>?": a DOI is minted; outside the sandbox the record cannot be deleted. */
async function confirmPublication(
  ctx: IOSSRContext,
  model: PublishModel
): Promise<boolean> {
  const { trans } = ctx;
  const { config, sandbox } = model;
  const target = sandbox
    ? trans.__(
        'the sandbox of %1',
        config?.display_name ?? trans.__('the repository')
      )
    : (config?.display_name ?? trans.__('the software repository'));
  const answer = await showDialog({
    title: trans.__('Publish %1?', String(model.doc?.name ?? model.loadedPath)),
    body: sandbox
      ? trans.__(
          'This publishes to %1: a test DOI is minted; sandbox records can be deleted.',
          target
        )
      : trans.__(
          'This publishes to %1 and mints a DOI. A published record cannot be deleted or have its files changed.',
          target
        ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Publish') })
    ]
  });
  return answer.button.accept;
}
