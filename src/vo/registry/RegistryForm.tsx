/** The registry search form: keywords, service type, data model, sort; waveband, sky region and time below. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IRegistryForm, RegistryModel } from '../model';
import { MoreConstraints } from './MoreConstraints';

const SERVICE_TYPES: [string, string][] = [
  ['', 'any'],
  ['tap', 'TAP'],
  ['scs', 'Cone search'],
  ['sia', 'SIA 1'],
  ['sia2', 'SIA 2'],
  ['ssa', 'SSA']
];
const DATAMODELS: [string, string][] = [
  ['', 'any'],
  ['obscore', 'ObsCore'],
  ['epntap', 'EPN-TAP'],
  ['regtap', 'RegTAP']
];

interface IFormProps {
  model: RegistryModel;
  trans: TranslationBundle;
}

/** A select whose empty value reads "any" (translated). */
function Choice(props: {
  label: string;
  value: string;
  options: [string, string][];
  trans: TranslationBundle;
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <label>
      {props.label}
      <select
        className="jp-mod-styled"
        value={props.value}
        onChange={e => props.onChange(e.target.value)}
      >
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {v ? l : props.trans.__('any')}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RegistryForm(props: IFormProps): JSX.Element {
  const { model, trans } = props;
  const form = model.form;
  return (
    <form
      className="jp-escape-Registry-form"
      aria-label={trans.__('Registry search')}
      onSubmit={e => {
        e.preventDefault();
        void model.search(0);
      }}
    >
      <div className="jp-escape-Registry-row">
        <label className="jp-escape-Registry-keywords">
          {trans.__('Keywords')}
          <input
            type="search"
            className="jp-mod-styled"
            value={form.keywords}
            placeholder={trans.__('e.g. gaia, lofar, spectra')}
            onChange={e => model.setField('keywords', e.target.value)}
          />
        </label>
        <Choice
          label={trans.__('Service type')}
          value={form.servicetype}
          options={SERVICE_TYPES}
          trans={trans}
          onChange={v => model.setField('servicetype', v)}
        />
        <label className="jp-escape-Check">
          <input
            type="checkbox"
            checked={form.auxiliary}
            onChange={e => model.setField('auxiliary', e.target.checked)}
          />
          {trans.__('include data collections (auxiliary)')}
        </label>
        <Choice
          label={trans.__('Data model')}
          value={form.datamodel}
          options={DATAMODELS}
          trans={trans}
          onChange={v => model.setField('datamodel', v)}
        />
        <label>
          {trans.__('Sort by')}
          <select
            className="jp-mod-styled"
            value={form.sort}
            onChange={e =>
              model.setField('sort', e.target.value as IRegistryForm['sort'])
            }
          >
            <option value="title">{trans.__('title')}</option>
            <option value="short_name">{trans.__('short name')}</option>
            <option value="updated">{trans.__('last updated')}</option>
            <option value="ivoid">{trans.__('identifier')}</option>
          </select>
        </label>
        <button type="submit" className="jp-mod-styled jp-mod-accept">
          {trans.__('Search')}
        </button>
      </div>
      <MoreConstraints model={model} trans={trans} />
    </form>
  );
}
