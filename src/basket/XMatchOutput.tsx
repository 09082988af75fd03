/** Where the cross-match result goes: a workspace table, and optionally a file in a chosen format. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { Field } from './XMatchFields';
import { FORMATS } from './xmatchForm';
import { XMatchModel } from './xmatchModel';

export function OutputOptions(props: {
  model: XMatchModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const { form } = model;
  return (
    <div className="jp-escape-XMatch-row">
      <Field
        id="jp-escape-xmatch-table"
        label={trans.__('Output table (workspace database)')}
      >
        <input
          id="jp-escape-xmatch-table"
          type="text"
          className="jp-mod-styled"
          value={form.table}
          onChange={e => model.setForm({ table: e.target.value })}
        />
      </Field>
      <div className="jp-escape-XMatch-field">
        <label>
          <input
            type="checkbox"
            checked={form.saveFile}
            onChange={e => model.setForm({ saveFile: e.target.checked })}
          />{' '}
          {trans.__('Also save as a file')}
        </label>
        {form.saveFile && (
          <span className="jp-escape-XMatch-file">
            <select
              className="jp-mod-styled"
              aria-label={trans.__('File format')}
              value={form.format}
              onChange={e => model.setFormat(e.target.value)}
            >
              {FORMATS.map(f => (
                <option key={f} value={f}>
                  {f === 'votable' ? 'VOTable' : f.toUpperCase()}
                </option>
              ))}
            </select>
            <input
              type="text"
              className="jp-mod-styled"
              aria-label={trans.__(
                'Result file path (relative to the server root)'
              )}
              value={form.path}
              onChange={e => model.setForm({ path: e.target.value })}
            />
          </span>
        )}
      </div>
    </div>
  );
}
