import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { AuthState } from '../tokens';
import { Health } from './serviceState';

/** A small coloured label; the colour is never the only signal (the text says the state). */
export function Badge(props: {
  health: Health | 'neutral';
  label: string;
  title?: string;
}): JSX.Element {
  return (
    <span
      className={`jp-escape-Badge jp-escape-Badge-${props.health}`}
      title={props.title}
    >
      {props.label}
    </span>
  );
}

export function ReachabilityBadge(props: {
  reachable: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  return props.reachable ? (
    <Badge health="ok" label={props.trans.__('reachable')} />
  ) : (
    <Badge health="error" label={props.trans.__('unreachable')} />
  );
}

/** Authentication badge; nothing for services without authentication. */
export function AuthBadge(props: {
  auth: AuthState;
  detail: string | null;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { auth, detail, trans } = props;
  const title = detail ?? undefined;
  switch (auth) {
    case 'ok':
      return <Badge health="ok" label={trans.__('signed in')} title={title} />;
    case 'missing':
      return (
        <Badge health="warn" label={trans.__('no credentials')} title={title} />
      );
    case 'expired':
      return (
        <Badge
          health="warn"
          label={trans.__('credentials expired')}
          title={title}
        />
      );
    case 'failed':
      return (
        <Badge health="error" label={trans.__('auth failed')} title={title} />
      );
    default:
      return null;
  }
}
