/** The cross-match form's options: radius, which matches, which rows, which engine. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { Field } from './XMatchFields';
import { IForm } from './xmatchForm';
import { XMatchModel } from './xmatchModel';

/** A select of one form value, its options as [value, label]. */
function Choice<K extends 'find' | 'join' | 'engine'>(props: {
  model: XMatchModel;
  name: K;
  label: string;
  options: [NonNullable<IForm[K]>, string][];
}): JSX.Element {
  const { model, name } = props;
  const id = `jp-escape-xmatch-${name}`;
  return (
    <Field id={id} label={props.label}>
      <select
        id={id}
        className="jp-mod-styled"
        value={model.form[name] ?? 'auto'}
        onChange={e => model.setForm({ [name]: e.target.value })}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Radius, which matches, which rows, which engine. */
export function MatchOptions(props: {
  model: XMatchModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  return (
    <div className="jp-escape-XMatch-row">
      <Field id="jp-escape-xmatch-radius" label={trans.__('Radius (arcsec)')}>
        <input
          id="jp-escape-xmatch-radius"
          type="number"
          min="0"
          step="any"
          className="jp-mod-styled"
          value={model.form.radius}
          onChange={e => model.setForm({ radius: e.target.value })}
        />
      </Field>
      <Choice
        model={model}
        name="find"
        label={trans.__('Matches')}
        options={[
          ['best', trans.__('best: nearest right row per left row')],
          ['mutual', trans.__("mutual: each other's nearest")],
          ['all', trans.__('all: every pair within the radius')]
        ]}
      />
      <Choice
        model={model}
        name="join"
        label={trans.__('Rows')}
        options={[
          ['inner', trans.__('matched only')],
          ['left', trans.__('all left rows (unmatched too)')]
        ]}
      />
      <Choice
        model={model}
        name="engine"
        label={trans.__('Engine')}
        options={[
          ['auto', trans.__('automatic (from input sizes and memory)')],
          ['memory', trans.__('in memory (this machine)')],
          ['dask', trans.__('LSDB on a Dask cluster (out of core)')]
        ]}
      />
    </div>
  );
}
