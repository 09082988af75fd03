/** The registry form's folded part: wavebands, a sky cone, a time range. */
import * as React from 'react';
import { RegistryModel } from '../model';
import { TranslationBundle } from '@jupyterlab/translation';

const WAVEBANDS = [
  'radio',
  'millimeter',
  'infrared',
  'optical',
  'uv',
  'euv',
  'x-ray',
  'gamma-ray',
  'neutrino',
  'gravitational-waves',
  'particle'
];

export function MoreConstraints(props: {
  model: RegistryModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const form = model.form;
  return (
    <details className="jp-escape-Registry-more">
      <summary>{trans.__('Waveband, sky region, time')}</summary>
      <fieldset>
        <legend>{trans.__('Waveband')}</legend>
        {WAVEBANDS.map(b => (
          <label key={b} className="jp-escape-Check">
            <input
              type="checkbox"
              checked={form.waveband.includes(b)}
              onChange={e =>
                model.setField(
                  'waveband',
                  e.target.checked
                    ? [...form.waveband, b]
                    : form.waveband.filter(x => x !== b)
                )
              }
            />
            {b}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{trans.__('Sky region (cone, degrees)')}</legend>
        {(['ra', 'dec', 'radius'] as const).map(k => (
          <label key={k}>
            {k === 'ra' ? 'RA' : k === 'dec' ? 'Dec' : trans.__('Radius')}
            <input
              type="number"
              step="any"
              className="jp-mod-styled jp-escape-VO-num"
              value={form[k]}
              onChange={e => model.setField(k, e.target.value)}
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{trans.__('Time coverage')}</legend>
        {(['start', 'end'] as const).map(k => (
          <label key={k}>
            {k === 'start' ? trans.__('From') : trans.__('To')}
            <input
              type="date"
              className="jp-mod-styled"
              value={form[k]}
              onChange={e => model.setField(k, e.target.value)}
            />
          </label>
        ))}
      </fieldset>
    </details>
  );
}
