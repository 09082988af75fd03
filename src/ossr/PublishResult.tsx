/** A deposit that went through: draft or published, its DOI, the files uploaded, and what to do next. */
import * as React from 'react';
import { IPublishReply } from './api';
import { RateLimitNotice } from './components';
import { IOSSRContext } from './context';
import { ConfirmAndPublish } from './PublishDeposit';
import { PublishModel } from './publishModel';

export function PublishResult(props: {
  ctx: IOSSRContext;
  model: PublishModel;
  result: IPublishReply;
  confirmAndPublish: ConfirmAndPublish;
}): JSX.Element {
  const { ctx, model, result, confirmAndPublish } = props;
  const trans = ctx.trans;
  const busy = model.busy;
  return (
    <div className="jp-escape-Banner jp-escape-OSSR-result" role="status">
      <p>
        <strong>
          {result.state === 'published'
            ? trans.__('Published: deposition %1', result.deposit_id)
            : trans.__('Draft saved: deposition %1', result.deposit_id)}
        </strong>
        {result.sandbox ? ` (${trans.__('sandbox')})` : ''}
      </p>
      {result.doi && (
        <p>
          {result.state === 'published'
            ? trans.__('DOI:')
            : trans.__('Reserved DOI:')}{' '}
          <code>{result.doi}</code>
        </p>
      )}
      <ul
        className="jp-escape-OSSR-doneList"
        aria-label={trans.__('Uploaded files')}
      >
        {result.uploaded.map(u => (
          <li key={u.key}>
            ✓ <code>{u.key}</code>{' '}
            <span className="jp-escape-OSSR-muted">
              md5 {u.md5.slice(0, 8)}… · {u.status}
            </span>
          </li>
        ))}
      </ul>
      <RateLimitNotice events={result.rate_limited} trans={trans} />
      <div className="jp-escape-OSSR-row">
        {result.html_url && (
          <a href={result.html_url} target="_blank" rel="noopener noreferrer">
            {result.state === 'published'
              ? trans.__('Open on the repository')
              : trans.__('Open the draft on the repository')}
          </a>
        )}
        {result.state === 'draft' && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={busy || !model.ready}
            onClick={() =>
              void confirmAndPublish(true, null, result.deposit_id)
            }
          >
            {trans.__('Publish this draft')}
          </button>
        )}
        {result.state === 'published' && !result.sandbox && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => ctx.openRecord(result.deposit_id)}
          >
            {trans.__('Open the record')}
          </button>
        )}
      </div>
    </div>
  );
}
