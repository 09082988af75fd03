/** The OSSR compliance of a codemeta.json as a badge ("OSSR compliant", "2 errors"); the report is ComplianceReport.tsx. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IReport } from './api';

export type ComplianceState =
  | { kind: 'checking' }
  | { kind: 'none' }
  | { kind: 'unknown'; message: string }
  | { kind: 'report'; report: IReport };

/** "OSSR compliant", "2 errors", "no codemeta.json"... as a small labelled badge. */
export function ComplianceBadge(props: {
  state: ComplianceState;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, trans } = props;
  let level = 'muted';
  let label: string;
  let title: string;
  switch (state.kind) {
    case 'checking':
      label = trans.__('codemeta…');
      title = trans.__('Checking codemeta.json against the OSSR rules');
      break;
    case 'none':
      label = trans.__('no codemeta');
      title = trans.__('This record has no codemeta.json');
      level = 'warn';
      break;
    case 'unknown':
      label = trans.__('codemeta ?');
      title = state.message;
      break;
    default: {
      const r = state.report;
      if (r.compliant) {
        level = r.warnings > 0 ? 'okwarn' : 'ok';
        label =
          r.warnings > 0
            ? trans._n(
                'OSSR compliant, %1 warning',
                'OSSR compliant, %1 warnings',
                r.warnings
              )
            : trans.__('OSSR compliant');
      } else {
        level = 'error';
        label = trans._n(
          'not compliant: %1 error',
          'not compliant: %1 errors',
          r.errors
        );
      }
      title = trans.__(
        'codemeta.json: %1 errors, %2 warnings',
        r.errors,
        r.warnings
      );
    }
  }
  return (
    <span
      className={`jp-escape-OSSR-badge jp-escape-OSSR-badge-${level}`}
      title={title}
    >
      {label}
    </span>
  );
}
