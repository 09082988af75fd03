/** RSEs of an instance and the account's usage and quota per RSE (main area, fetched on open and on Refresh). */
import * as React from 'react';
import { datalakeAPI, IRSE, IUsage } from './api';
import { Busy, formatBytes, isAbort } from '../components';
import { ProgressBar } from '../components/ProgressBar';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { DatalakeMainView } from './mainView';

export class StorageView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    readonly instance: string
  ) {
    super('storage');
    this.addClass('jp-escape-DLStorageView');
    this.title.label = _ctx.trans.__(
      'RSEs & quota: %1',
      _ctx.model.label(instance)
    );
  }

  render(): JSX.Element {
    return <Storage ctx={this._ctx} instance={this.instance} />;
  }
}

function yesNo(v: boolean | null, trans: IDatalakeContext['trans']): string {
  return v === null || v === undefined
    ? '–'
    : v
      ? trans.__('yes')
      : trans.__('no');
}

function Storage(props: {
  ctx: IDatalakeContext;
  instance: string;
}): JSX.Element {
  const { ctx, instance } = props;
  const trans = ctx.trans;
  const [rses, setRses] = React.useState<IRSE[] | null>(null);
  const [usage, setUsage] = React.useState<IUsage | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    const controller = new AbortController();
    setError(null);
    Promise.all([
      datalakeAPI.rses(instance, controller.signal),
      datalakeAPI.usage(instance, controller.signal)
    ]).then(
      ([r, u]) => {
        setRses(r.rses);
        setUsage(u);
      },
      e => !controller.signal.aborted && !isAbort(e) && setError(e)
    );
    return () => controller.abort();
  }, [instance, tick]);

  const byRse = new Map((usage?.rses ?? []).map(u => [u.rse, u]));
  return (
    <div className="jp-escape-DL-viewBody">
      <header className="jp-escape-DL-viewHeader">
        <h2>{trans.__('RSEs and quota')}</h2>
        <div className="jp-escape-DL-muted">
          {ctx.model.label(instance)}
          {usage ? ` · ${trans.__('account %1', usage.account)}` : ''}
        </div>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => setTick(t => t + 1)}
        >
          {trans.__('Refresh')}
        </button>
      </header>
      {error !== null && (
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
      )}
      {!rses && error === null && (
        <Busy label={trans.__('Asking Rucio…')} inline showAfter={2} />
      )}
      {rses && (
        <table
          className="jp-escape-DL-table"
          aria-label={trans.__('RSEs and quota')}
        >
          <thead>
            <tr>
              <th scope="col">{trans.__('RSE')}</th>
              <th scope="col">{trans.__('Type')}</th>
              <th scope="col">{trans.__('Read')}</th>
              <th scope="col">{trans.__('Write')}</th>
              <th scope="col">{trans.__('Your usage')}</th>
              <th scope="col">{trans.__('Quota')}</th>
              <th scope="col">{trans.__('Files')}</th>
            </tr>
          </thead>
          <tbody>
            {rses.map(r => {
              const u = byRse.get(r.rse);
              const limit = u?.bytes_limit ?? null;
              const used = u?.bytes ?? 0;
              const full = limit !== null && limit > 0 && used >= limit;
              return (
                <tr key={r.rse} data-rse={r.rse}>
                  <th scope="row">{r.rse}</th>
                  <td>
                    {r.type ?? '–'}
                    {r.volatile ? ` (${trans.__('volatile')})` : ''}
                  </td>
                  <td>{yesNo(r.availability_read, trans)}</td>
                  <td>{yesNo(r.availability_write, trans)}</td>
                  <td className="jp-escape-DL-progressCell">
                    {limit !== null && limit > 0 && (
                      <ProgressBar
                        value={Math.min(1, used / limit)}
                        label={trans.__('Quota used on %1', r.rse)}
                        state={full ? 'failed' : 'done'}
                      />
                    )}
                    {formatBytes(used)}
                  </td>
                  <td className={full ? 'jp-escape-DL-warnText' : ''}>
                    {limit === null
                      ? trans.__('none')
                      : trans.__(
                          '%1 (%2 left)',
                          formatBytes(limit),
                          formatBytes(u?.bytes_remaining)
                        )}
                  </td>
                  <td className="jp-escape-DL-num">{u?.files ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
