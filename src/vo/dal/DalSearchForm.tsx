/** The multi-search form: protocol, position, radius, MAXREC; search, cancel, and the Python code. */
import * as React from 'react';
import type { DalView } from '../DalView';
import { DAL_KINDS } from '../model';
import { multiSearchSnippet } from '../snippets';

/** A number field with its visible label. */
function NumberField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  min?: string;
  step?: string;
}): JSX.Element {
  return (
    <label>
      {props.label}
      <input
        type="number"
        step={props.step}
        min={props.min}
        required={props.required}
        className="jp-mod-styled jp-escape-VO-num"
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function DalSearchForm(props: { view: DalView }): JSX.Element {
  const { view } = props;
  const { model, ctx } = view;
  const trans = ctx.trans;
  const chosen = model.chosen;
  return (
    <form
      className="jp-escape-Dal-form"
      aria-label={trans.__('Search several services')}
      onSubmit={e => {
        e.preventDefault();
        model.run();
      }}
    >
      <label>
        {trans.__('Protocol')}
        <select
          className="jp-mod-styled"
          value={model.kind}
          onChange={e => model.set('kind', e.target.value)}
        >
          {DAL_KINDS.map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <PositionFields view={view} />
      <button
        type="submit"
        className="jp-mod-styled jp-mod-accept"
        disabled={!chosen.length}
      >
        {trans.__('Search %1 services', chosen.length)}
      </button>
      {model.anyRunning && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn"
          onClick={() => model.cancelAll()}
        >
          {trans.__('Cancel')}
        </button>
      )}
      <button
        type="button"
        className="jp-mod-styled"
        disabled={!chosen.length}
        onClick={() =>
          void ctx.insertCode(multiSearchSnippet(chosen, model.params))
        }
      >
        {trans.__('Python API code')}
      </button>
    </form>
  );
}

/** Where and how much: RA, Dec, radius (degrees) and MAXREC. */
function PositionFields(props: { view: DalView }): JSX.Element {
  const { model, ctx } = props.view;
  const trans = ctx.trans;
  return (
    <>
      <NumberField
        label="RA (deg)"
        step="any"
        required
        value={model.ra}
        onChange={v => model.set('ra', v)}
      />
      <NumberField
        label="Dec (deg)"
        step="any"
        required
        value={model.dec}
        onChange={v => model.set('dec', v)}
      />
      <NumberField
        label={trans.__('Radius (deg)')}
        step="any"
        min="0"
        required
        value={model.radius}
        onChange={v => model.set('radius', v)}
      />
      <NumberField
        label="MAXREC"
        min="1"
        value={model.maxrec}
        onChange={v => model.set('maxrec', v)}
      />
    </>
  );
}
