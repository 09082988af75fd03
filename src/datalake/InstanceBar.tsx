/**
 * The data-lake section's instance picker and the chosen instance's authentication state: exactly what is
 * missing or expired, and Recheck (no polling: asked on first show, on a change and on Recheck).
 */
import * as React from 'react';
import { AuthBadge } from './components';
import { IDatalakeContext } from './context';

export function InstanceBar(props: { ctx: IDatalakeContext }): JSX.Element {
  const { ctx } = props;
  const { model, trans } = ctx;
  const selectId = React.useId();
  const current = model.current;
  const auth = model.auth(current);
  const checking = model.isChecking(current);
  const inst = model.instance(current);
  return (
    <div className="jp-escape-DL-instanceBar">
      <div className="jp-escape-DL-row">
        <label htmlFor={selectId} className="jp-escape-DL-label">
          {trans.__('Instance')}
        </label>
        <select
          id={selectId}
          className="jp-mod-styled jp-escape-DL-grow"
          value={current}
          onChange={e => (model.current = e.target.value)}
        >
          {model.instances.map(i => {
            // the state of instances checked before stays visible in the list
            const state = model.auth(i.name)?.state;
            const note =
              state && state !== 'ok' && state !== 'none'
                ? ` — ${trans.__('credentials %1', state)}`
                : '';
            return (
              <option key={i.name} value={i.name}>
                {(i.display_name || i.name) + note}
              </option>
            );
          })}
        </select>
      </div>
      {inst && (
        <div
          className="jp-escape-DL-authLine"
          aria-live="polite"
          data-auth-state={checking ? 'checking' : (auth?.state ?? '')}
        >
          <AuthBadge
            state={checking ? 'checking' : (auth?.state ?? null)}
            trans={trans}
          />
          <span className="jp-escape-DL-muted">
            {inst.auth_type}
            {inst.account ? ` · ${inst.account}` : ''}
          </span>
          <button
            type="button"
            className="jp-escape-DL-linkButton"
            disabled={checking}
            onClick={() => void model.checkAuth(current)}
            title={trans.__(
              'Sign in again on the server and report the credentials state'
            )}
          >
            {trans.__('Recheck')}
          </button>
        </div>
      )}
      {auth && !checking && auth.state !== 'ok' && auth.state !== 'none' && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-DL-authProblem"
          role="status"
        >
          <strong>{trans.__('%1:', model.label(current))}</strong>{' '}
          <span className="jp-escape-DL-authMessage">{auth.message}</span>
          <div className="jp-escape-Banner-detail">
            {trans.__(
              'Credentials are configured on the server (EscapeConfig.rucio_instances) and never reach the browser.'
            )}
          </div>
        </div>
      )}
    </div>
  );
}
