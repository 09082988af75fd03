/** The cross-match form's fields: a labelled field, and the two inputs (the options are XMatchOptions.tsx). */
import * as React from 'react';
import { IBasketContext } from './context';
import { isTabular } from './kinds';
import { FILE } from './xmatchForm';
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
