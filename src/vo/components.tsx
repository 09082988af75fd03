/** Small shared React pieces of the VO views. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  Busy as SharedBusy,
  ErrorBox as SharedErrorBox,
  formatBytes as sharedFormatBytes
} from '../components';
import { IErrorView } from './errors';

/** A failure as the server reported it: service named, message verbatim, ADQL position if known. */
export function ErrorBox(props: {
  error: IErrorView;
  trans: TranslationBundle;
  onGoTo?: (line: number, column: number) => void;
}): JSX.Element | null {
  return (
    <SharedErrorBox
      error={props.error}
      trans={props.trans}
      onGoTo={props.onGoTo}
      classPrefix="jp-escape-VO"
      showStatus={false}
      unreachableLabel={null}
    />
  );
}

/** "Working… 3.2 s [Cancel]" for anything slow. */
export function Busy(props: {
  label: string;
  since: number;
  onCancel?: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  return <SharedBusy {...props} decimals={1} classPrefix="jp-escape-VO" />;
}

/** Sanitised third-party HTML (registry descriptions): sanitised again here, whatever the server did. */
export function SafeHTML(props: {
  html: string;
  sanitize: (html: string) => string;
  className?: string;
}): JSX.Element {
  const clean = React.useMemo(
    () => props.sanitize(props.html),
    [props.html, props.sanitize]
  );
  return (
    <div
      className={props.className}
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

/** Sizes as the VO views have always written them ("3.4 KB", powers of 1024). */
export function formatBytes(n: number): string {
  return sharedFormatBytes(n, 'KB');
}
