/**
 * The upload form: instance, file, RSE (writable ones, with the account's remaining quota), scope, name,
 * dataset to attach to, metadata key/values, lifetime; Upload starts the job (UploadModel.submit).
 */
import * as React from 'react';
import { IDatalakeContext } from './context';
import { MetadataRows } from './MetadataRows';
import { PathField, RSEField } from './UploadFields';
import { UploadModel } from './uploadModel';

export function UploadForm(props: {
  ctx: IDatalakeContext;
  model: UploadModel;
  /** The view's id: the fields' ids start with it. */
  idPrefix: string;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const id = (s: string) => `${props.idPrefix}-${s}`;
  const f = model.fields;
  const jobId = model.jobId;
  const text = (key: 'name' | 'dataset', placeholder: string): JSX.Element => (
    <input
      id={id(key)}
      type="text"
      className="jp-mod-styled"
      placeholder={placeholder}
      value={f[key]}
      onChange={e => model.set({ [key]: e.target.value })}
    />
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void model.submit().then(job => job && ctx.model.touchJobs(job));
  };
  return (
    <form className="jp-escape-DL-uploadForm" onSubmit={submit}>
      <label htmlFor={id('inst')}>{trans.__('Instance')}</label>
      <select
        id={id('inst')}
        className="jp-mod-styled"
        value={f.instance}
        onChange={e => model.set({ instance: e.target.value })}
      >
        {ctx.model.instances.map(i => (
          <option key={i.name} value={i.name}>
            {i.display_name || i.name}
          </option>
        ))}
      </select>
      <label htmlFor={id('path')}>
        {trans.__('File (relative to the server root)')}
      </label>
      <PathField ctx={ctx} model={model} id={id('path')} />
      <label htmlFor={id('rse')}>{trans.__('RSE')}</label>
      <RSEField ctx={ctx} model={model} id={id('rse')} />
      <label htmlFor={id('scope')}>{trans.__('Scope')}</label>
      <select
        id={id('scope')}
        className="jp-mod-styled"
        value={f.scope}
        required
        onChange={e => model.set({ scope: e.target.value })}
      >
        {(model.offers.data?.[1] ?? []).map(s => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label htmlFor={id('name')}>{trans.__('Name in Rucio')}</label>
      {text('name', trans.__('default: the file name'))}
      <label htmlFor={id('dataset')}>{trans.__('Attach to dataset')}</label>
      <div>
        {text('dataset', f.scope ? `${f.scope}:my_results` : 'scope:name')}
        <div className="jp-escape-DL-muted">
          {trans.__('optional; created if it does not exist')}
        </div>
      </div>
      <span className="jp-escape-DL-formLabel">{trans.__('Metadata')}</span>
      <MetadataRows
        ctx={ctx}
        rows={f.meta}
        onChange={meta => model.set({ meta })}
      />
      <label htmlFor={id('life')}>{trans.__('Lifetime (days)')}</label>
      <div>
        <input
          id={id('life')}
          type="number"
          min={0}
          step="any"
          className="jp-mod-styled"
          placeholder={trans.__('empty: no expiry')}
          value={f.lifetimeDays}
          onChange={e => model.set({ lifetimeDays: e.target.value })}
        />
      </div>
      <span />
      <div className="jp-escape-DL-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={model.busy || !f.rse || !f.scope || !f.path.trim()}
        >
          {trans.__('Upload')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openTransfers(jobId ?? undefined)}
        >
          {trans.__('All uploads…')}
        </button>
      </div>
    </form>
  );
}
