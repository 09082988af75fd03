/** What to upload (a release zip or chosen files of the folder), the upload type and the sandbox switch. */
import * as React from 'react';
import { IOSSRContext } from './context';
import { DepositModel, UploadType } from './depositModel';

export function DepositChoices(props: {
  ctx: IOSSRContext;
  deposit: DepositModel;
  sandboxUrl: string | null;
}): JSX.Element {
  const { ctx, deposit, sandboxUrl } = props;
  const trans = ctx.trans;
  const { filesMode } = deposit;
  return (
    <fieldset className="jp-escape-OSSR-fieldset" disabled={deposit.busy}>
      <legend>{trans.__('What to upload')}</legend>
      <label className="jp-escape-OSSR-check">
        <input
          type="radio"
          name="ossr-files"
          checked={filesMode === 'zip'}
          onChange={() => deposit.setFilesMode('zip')}
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
          disabled={deposit.folderFiles.length === 0}
          onChange={() => deposit.setFilesMode('chosen')}
        />
        {trans.__('codemeta.json and these files of the folder:')}
      </label>
      {filesMode === 'chosen' && (
        <div className="jp-escape-OSSR-fileChoice">
          {deposit.choosableFiles.map(f => (
            <label key={f} className="jp-escape-OSSR-check">
              <input
                type="checkbox"
                checked={deposit.chosen.includes(f)}
                onChange={e => deposit.choose(f, e.target.checked)}
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
          value={deposit.uploadType}
          onChange={e => deposit.setUploadType(e.target.value as UploadType)}
        >
          <option value="software">{trans.__('software')}</option>
          <option value="dataset">{trans.__('dataset')}</option>
        </select>
      </label>
      {sandboxUrl !== null && (
        <label className="jp-escape-OSSR-check">
          <input
            type="checkbox"
            checked={deposit.sandbox}
            onChange={e => deposit.setSandbox(e.target.checked)}
          />
          {trans.__('Sandbox (a test repository: %1)', sandboxUrl)}
        </label>
      )}
    </fieldset>
  );
}
