/**
 * coord.pointAt.sky from the SAMP section: a sky position typed in degrees goes to the desktop tools (Aladin
 * centres on it); a position a desktop tool sends fills the field (and moves the sky view, see index.ts).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ISampPoint, replyText } from './api';
import { SampModel } from './model';

export function parsePosition(
  text: string
): { ra: number; dec: number } | null {
  const parts = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length !== 2 || parts.some(v => !Number.isFinite(v))) {
    return null;
  }
  const [ra, dec] = parts;
  return ra >= 0 && ra < 360 && dec >= -90 && dec <= 90 ? { ra, dec } : null;
}

export function PointForm(props: {
  model: SampModel;
  trans: TranslationBundle;
  insertCode: (code: string) => Promise<void>;
}): JSX.Element {
  const { model, trans } = props;
  const last = model.lastPoint;
  const [text, setText] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  // A position received from the desktop replaces what is in the field.
  React.useEffect(() => {
    if (last?.from) {
      setText(`${last.ra} ${last.dec}`);
    }
  }, [last]);
  const send = async () => {
    const position = parsePosition(text);
    if (!position) {
      setProblem(
        trans.__('Expected "ra dec" in degrees (ra 0 to 360, dec -90 to 90)')
      );
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await model.point(position.ra, position.dec);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="jp-escape-SampPoint"
      onSubmit={event => {
        event.preventDefault();
        void send();
      }}
    >
      <label>
        {trans.__('Sky position (ra dec, degrees)')}
        <input
          className="jp-mod-styled"
          value={text}
          placeholder="10.68 41.27"
          onChange={event => setText(event.target.value)}
        />
      </label>
      <button type="submit" className="jp-mod-styled" disabled={busy}>
        {trans.__('Point desktop tools here')}
      </button>
      {problem && (
        <span className="jp-escape-SampError" role="alert">
          {problem}
        </span>
      )}
      {last && (
        <LastPoint point={last} trans={trans} insertCode={props.insertCode} />
      )}
    </form>
  );
}

/** The last position sent (with each client's answer) or received (with the sender's name), and its code. */
function LastPoint(props: {
  point: ISampPoint;
  trans: TranslationBundle;
  insertCode: (code: string) => Promise<void>;
}): JSX.Element {
  const { point: last, trans } = props;
  return (
    <div
      className="jp-escape-SampPoint-last"
      data-ra={last.ra}
      data-dec={last.dec}
    >
      <span>
        {last.from
          ? trans.__('%1 pointed at %2 %3', last.from, last.ra, last.dec)
          : trans.__('Sent %1 %2 (coord.pointAt.sky):', last.ra, last.dec) +
            ' ' +
            replyText(last.replies ?? [])}
      </span>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void props.insertCode(last.code)}
      >
        {trans.__('Show me the code')}
      </button>
    </div>
  );
}
