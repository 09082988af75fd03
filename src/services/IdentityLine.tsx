/**
 * Who a service knows us as: account, how we signed in, when the credential expires, and the way back in when it
 * has expired or was revoked. Shows what the server reports; no credential ever reaches the browser.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IServiceIdentity } from '../tokens';

const METHOD_LABELS: Record<string, string> = {
  oidc: 'OIDC',
  x509: 'X.509 certificate',
  x509_proxy: 'X.509 proxy',
  userpass: 'username and password'
};

/** "in 3 min", "in 40 s", or "expired" for an epoch-seconds expiry. */
export function formatExpiry(
  expiresAt: number,
  now: number,
  trans: TranslationBundle
): string {
  const left = Math.round(expiresAt - now / 1000);
  if (left <= 0) {
    return trans.__('expired');
  }
  if (left < 120) {
    return trans._n('in %1 second', 'in %1 seconds', left);
  }
  const minutes = Math.round(left / 60);
  if (minutes < 120) {
    return trans._n('in %1 minute', 'in %1 minutes', minutes);
  }
  return trans._n('in %1 hour', 'in %1 hours', Math.round(minutes / 60));
}

function safeLink(url: string | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

export function IdentityLine(props: {
  identity: IServiceIdentity | null | undefined;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { identity, trans } = props;
  if (!identity) {
    return null;
  }
  const recover = safeLink(identity.recover_url);
  const method = identity.method
    ? trans.__(METHOD_LABELS[identity.method] ?? identity.method)
    : '';
  const via =
    identity.source === 'hub single sign-on'
      ? trans.__('%1 via the hub single sign-on', method)
      : method;
  return (
    <div className="jp-escape-Service-identity" data-method={identity.method}>
      {identity.account ? (
        <span>
          {trans.__('Signed in as %1', identity.account)}
          {via ? ` · ${via}` : ''}
        </span>
      ) : null}
      {identity.expires_at ? (
        <span
          className="jp-escape-Service-expiry"
          title={new Date(identity.expires_at * 1000).toLocaleString()}
        >
          {' · '}
          {trans.__(
            'credential expires %1',
            formatExpiry(identity.expires_at, Date.now(), trans)
          )}
        </span>
      ) : null}
      {recover ? (
        <a
          className="jp-escape-Service-recover jp-Button jp-mod-styled jp-mod-accept"
          href={recover}
          target="_top"
          rel="noopener noreferrer"
        >
          {trans.__('Sign in again')}
        </a>
      ) : null}
    </div>
  );
}
