/**
 * Upload basket items (FITS cutouts, staged files) to a subject set as PNG subjects: pick the set, the items,
 * the stretch; follow the job's progress; cancel; resume what a cancelled or cut upload left.
 */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IZooniverseContext, showCode } from './context';
import { ZooniverseModel } from './model';
import { UploadJobView } from './UploadJobView';

const STRETCHES = ['asinh', 'sqrt', 'log', 'linear'];
const INTERVALS = ['zscale', 'minmax', '99.5%'];
const FILE_KINDS = ['workspace_file', 'datalink_product', 'datalake_did'];

export function UploadPanel(props: {
  model: ZooniverseModel;
  ctx: IZooniverseContext;
}): JSX.Element {
  const { model, ctx } = props;
  const trans = ctx.trans;
  const basketSignals = ctx.basket ? [ctx.basket.changed] : [];
  useSignals([model.changed, ...basketSignals]);
  const { chosen, stretch, interval } = model.uploadForm;
  const id = React.useId();
  const files = (ctx.basket?.items ?? []).filter(i =>
    FILE_KINDS.includes(i.kind)
  );
  const job = model.job;
  const subjectSet =
    model.uploadForm.subjectSetId || model.subjectSets[0]?.id || '';
  const items = files
    .filter(f => chosen.has(f.id))
    .map(f => ({ item_id: f.id, label: f.title }));

  return (
    <section className="jp-escape-Zoo-block" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{trans.__('Upload to a subject set')}</h3>
      <label>
        {trans.__('Subject set')}{' '}
        <select
          value={subjectSet}
          onChange={e => model.setUploadForm({ subjectSetId: e.target.value })}
        >
          {model.subjectSets.map(s => (
            <option key={s.id} value={s.id}>
              {s.display_name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="jp-escape-Zoo-items">
        <legend>{trans.__('Basket items (FITS images)')}</legend>
        {files.length === 0 && (
          <p className="jp-escape-Zoo-muted">
            {trans.__(
              'No files in the basket: add FITS cutouts or staged files first.'
            )}
          </p>
        )}
        {files.map(f => (
          <label key={f.id} className="jp-escape-Zoo-item">
            <input
              type="checkbox"
              checked={chosen.has(f.id)}
              onChange={() => model.toggleUploadItem(f.id)}
            />{' '}
            {f.title}
          </label>
        ))}
      </fieldset>
      <div className="jp-escape-Zoo-row">
        <label>
          {trans.__('Stretch')}{' '}
          <select
            value={stretch}
            onChange={e => model.setUploadForm({ stretch: e.target.value })}
          >
            {STRETCHES.map(s => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          {trans.__('Interval')}{' '}
          <select
            value={interval}
            onChange={e => model.setUploadForm({ interval: e.target.value })}
          >
            {INTERVALS.map(s => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="jp-escape-Zoo-row">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={!items.length || !subjectSet || model.jobRunning}
          onClick={() =>
            void model.startUpload(subjectSet, items, stretch, interval)
          }
        >
          {trans.__('Upload %1 item(s)', items.length)}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() =>
            void showCode(ctx, 'upload', {
              project_id: model.project?.id,
              subject_set_id: subjectSet,
              stretch,
              interval
            })
          }
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      {job && <UploadJobView model={model} ctx={ctx} />}
    </section>
  );
}
