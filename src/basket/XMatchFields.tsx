/** The cross-match form's fields: the two inputs, radius and matching options, and where the result goes. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IBasketContext } from './context';
import { isTabular } from './kinds';
import { FILE, IForm } from './xmatchForm';
import { XMatchModel } from './xmatchModel';

/** A labelled field of the form (the label names the control with `id`). */
export function Field(props: {
  id?: string;
  label: string;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <div className="jp-escape-XMatch-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
    </div>
  );
}

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

/** One input: a basket item, a workspace table, or a file by path. */
export function TableChoice(props: {
  ctx: IBasketContext;
  model: XMatchModel;
  side: 'left' | 'right';
  label: string;
}): JSX.Element {
  const { ctx, model, side } = props;
  const trans = ctx.trans;
  const items = ctx.model.items.filter(isTabular);
  const id = `jp-escape-xmatch-${side}`;
  const value = model.form[side];
  return (
    <Field id={id} label={props.label}>
      <select
        id={id}
        className="jp-mod-styled"
        value={value}
        onChange={e => model.setForm({ [side]: e.target.value })}
      >
        <option value="">{trans.__('(choose)')}</option>
        <optgroup label={trans.__('Basket items')}>
          {items.map(i => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </optgroup>
        <optgroup label={trans.__('Workspace database tables')}>
          {model.tables.map(t => (
            <option key={t.table} value={t.table}>
              {t.table}
            </option>
          ))}
        </optgroup>
        <option value={FILE}>{trans.__('A file…')}</option>
      </select>
      {value === FILE && (
        <input
          type="text"
          className="jp-mod-styled"
          aria-label={trans.__(
            '%1 file path (relative to the server root)',
            props.label
          )}
          placeholder={trans.__('data/catalogue.fits')}
          value={model.form[`${side}Path`]}
          onChange={e => model.setForm({ [`${side}Path`]: e.target.value })}
        />
      )}
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
          ['scipy', trans.__('in memory (KD-tree)')],
          ['dask', trans.__('LSDB on a Dask cluster (out of core)')]
        ]}
      />
    </div>
  );
}
