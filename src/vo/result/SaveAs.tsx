/** The export format and "Save to workspace" of a result. */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { voAPI } from '../api';
import { EXPORT_FORMATS } from '../model';
import type { ResultPane } from '../ResultPane';
import { ActionButton } from './ActionButton';

/** The export format and "Save to workspace". */
export function SaveAs(props: { pane: ResultPane; id: string }): JSX.Element {
  const { pane, id } = props;
  const { ctx, model } = pane;
  const trans = ctx.trans;
  return (
    <>
      <label>
        {trans.__('Save as')}{' '}
        <select
          className="jp-mod-styled"
          value={model.exportFormat}
          onChange={e => model.setExportFormat(e.target.value)}
        >
          {EXPORT_FORMATS.map(f => (
            <option key={f} value={f}>
              {f === 'votable' ? 'VOTable' : f.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <ActionButton
        pane={pane}
        className="jp-escape-VO-export"
        label={trans.__('Saving')}
        work={async () => {
          const written = await voAPI.exportResult(id, {
            format: model.exportFormat,
            overwrite: true
          });
          Notification.success(
            trans.__('Saved the result to %1', written.path),
            { autoClose: 5000 }
          );
        }}
      >
        {trans.__('Save to workspace')}
      </ActionButton>
    </>
  );
}
