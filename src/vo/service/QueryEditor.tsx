/** The ADQL editor (CodeMirror, loaded on first use) and its toolbar: Run, Submit job, MAXREC, format, code. */
import * as React from 'react';
import { useSignals } from '../../components/useSignals';
import { ErrorBox } from '../components';
import { describeError, IErrorView } from '../errors';
import { QUERY_FORMATS } from '../model';
import type { ServiceView } from '../ServiceView';

export function QueryEditor(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const host = React.useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = React.useState<IErrorView | null>(null);
  useSignals([view.model.changed]);

  React.useEffect(() => {
    let disposed = false;
    import('../adqlEditor')
      .then(({ createADQLEditor }) => {
        if (disposed || !host.current) {
          return;
        }
        const doc = view.pendingQuery ?? '';
        view.pendingQuery = null;
        view.editor = createADQLEditor({
          host: host.current,
          doc,
          label: trans.__('ADQL query'),
          placeholder: trans.__(
            'SELECT TOP 10 * FROM … (Ctrl+Space completes table and column names)'
          ),
          onRun: () => view.run(),
          onSubmit: () => void view.submit(),
          onChange: text => view.model.watchQuery(text)
        });
      })
      .catch(e => setLoadError(describeError(e)));
    return () => {
      disposed = true;
    };
  }, []);

  return (
    <div className="jp-escape-QueryEditor">
      <div className="jp-escape-QueryEditor-host" ref={host} />
      {loadError && <ErrorBox error={loadError} trans={trans} />}
      <QueryBar view={view} />
    </div>
  );
}

function QueryBar(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const model = view.model;
  const trans = view.ctx.trans;
  return (
    <div
      className="jp-escape-QueryEditor-bar"
      role="toolbar"
      aria-label={trans.__('Query')}
    >
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept jp-escape-VO-run"
        onClick={() => view.run()}
        title={trans.__('Run synchronously (Ctrl+Enter)')}
      >
        {trans.__('Run')}
      </button>
      <button
        type="button"
        className="jp-mod-styled jp-escape-VO-submit"
        onClick={() => void view.submit()}
        title={trans.__('Submit as an async job (Shift+Ctrl+Enter)')}
      >
        {trans.__('Submit job')}
      </button>
      <label>
        {trans.__('MAXREC')}{' '}
        <input
          type="number"
          min={0}
          className="jp-mod-styled jp-escape-VO-maxrec"
          value={model.maxrecText}
          placeholder={trans.__('service default')}
          aria-label={trans.__('MAXREC: most rows the service returns')}
          onChange={e => model.setMaxrecText(e.target.value)}
        />
      </label>
      <label>
        {trans.__('Format')}{' '}
        <select
          className="jp-mod-styled"
          value={model.format}
          onChange={e => model.setFormat(e.target.value)}
        >
          {QUERY_FORMATS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void view.showCode('pyvo')}
      >
        {trans.__('Show me the code (pyvo)')}
      </button>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void view.showCode('api')}
      >
        {trans.__('Python API code')}
      </button>
    </div>
  );
}
