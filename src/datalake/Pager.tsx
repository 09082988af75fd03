/** First / previous / next / last page and "go to page" for a paged list of DIDs. */
import * as React from 'react';
import { IDatalakeContext } from './context';

export function Pager(props: {
  ctx: IDatalakeContext;
  offset: number;
  limit: number;
  shown: number;
  total: number | null;
  hasMore: boolean;
  busy: boolean;
  onOffset: (offset: number) => void;
}): JSX.Element | null {
  const { trans } = props.ctx;
  const { offset, limit, total, hasMore } = props;
  const pages = total !== null ? Math.max(1, Math.ceil(total / limit)) : null;
  const page = Math.floor(offset / limit) + 1;
  const [jump, setJump] = React.useState('');
  if (offset === 0 && !hasMore) {
    return null;
  }
  const from = props.shown === 0 ? 0 : offset + 1;
  const to = offset + props.shown;
  return (
    <nav className="jp-escape-DL-pager" aria-label={trans.__('Pages')}>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('First page')}
        disabled={props.busy || offset === 0}
        onClick={() => props.onOffset(0)}
      >
        «
      </button>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('Previous page')}
        disabled={props.busy || offset === 0}
        onClick={() => props.onOffset(Math.max(0, offset - limit))}
      >
        ‹
      </button>
      <span className="jp-escape-DL-pagerText" aria-live="polite">
        {total !== null
          ? trans.__(
              '%1–%2 of %3',
              from.toLocaleString(),
              to.toLocaleString(),
              total.toLocaleString()
            )
          : trans.__('%1–%2', from.toLocaleString(), to.toLocaleString())}
      </span>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('Next page')}
        disabled={props.busy || !hasMore}
        onClick={() => props.onOffset(offset + limit)}
      >
        ›
      </button>
      {pages !== null && (
        <>
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            aria-label={trans.__('Last page')}
            disabled={props.busy || page >= pages}
            onClick={() => props.onOffset((pages - 1) * limit)}
          >
            »
          </button>
          <form
            className="jp-escape-DL-jump"
            onSubmit={e => {
              e.preventDefault();
              const n = parseInt(jump, 10);
              if (n >= 1 && n <= pages) {
                props.onOffset((n - 1) * limit);
              }
            }}
          >
            <input
              type="number"
              min={1}
              max={pages}
              className="jp-mod-styled"
              aria-label={trans.__('Go to page (of %1)', pages)}
              placeholder={`${page}/${pages}`}
              value={jump}
              onChange={e => setJump(e.target.value)}
            />
          </form>
        </>
      )}
    </nav>
  );
}
