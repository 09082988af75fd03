/** The upload form's fields about where the file goes: the RSE (with the account's quota there) and the scope. */
import * as React from 'react';
import { formatBytes } from '../components/format';
import { userWritable } from './api';
import { IDatalakeContext } from './context';
import { UploadModel } from './uploadModel';

export function RSEField(props: {
  ctx: IDatalakeContext;
  model: UploadModel;
  id: string;
}): JSX.Element {
  const { model } = props;
  const trans = props.ctx.trans;
  const quota = model.quota;
  const tooBig = model.tooBig;
  return (
    <div>
      <select
        id={props.id}
        className="jp-mod-styled"
        value={model.fields.rse}
        required
        onChange={e => model.set({ rse: e.target.value })}
      >
        {(model.offers.data?.[0] ?? []).map(r => (
          <option key={r.rse} value={r.rse}>
            {userWritable(r.rse)
              ? r.rse
              : trans.__('%1 (usually admin only)', r.rse)}
          </option>
        ))}
      </select>
      {quota && (
        <div
          className={tooBig ? 'jp-escape-DL-warnText' : 'jp-escape-DL-muted'}
        >
          {quota.bytes_limit !== null && quota.bytes_limit !== undefined
            ? trans.__(
                'quota: %1 used of %2, %3 left',
                formatBytes(quota.bytes),
                formatBytes(quota.bytes_limit),
                formatBytes(quota.bytes_remaining)
              )
            : trans.__('%1 used, no quota set', formatBytes(quota.bytes))}
          {tooBig ? ` — ${trans.__('the file does not fit')}` : ''}
        </div>
      )}
    </div>
  );
}

export function PathField(props: {
  ctx: IDatalakeContext;
  model: UploadModel;
  id: string;
}): JSX.Element {
  const { model } = props;
  const trans = props.ctx.trans;
  const size = model.size;
  return (
    <div>
      <input
        id={props.id}
        type="text"
        className="jp-mod-styled"
        required
        value={model.fields.path}
        onChange={e => model.set({ path: e.target.value })}
      />
      <div className="jp-escape-DL-muted">
        {size !== null
          ? formatBytes(size)
          : model.fields.path
            ? trans.__('not found in the file browser')
            : ''}
      </div>
    </div>
  );
}
