/**
 * The sky view's toolbar: target and field of view (Enter or Go), projection, frame and survey. Native
 * controls with visible labels, so every one is reachable with the keyboard.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { formatDegrees, formatPosition } from '../components/coordinates';
import { FRAMES, PROJECTIONS } from './engine';
import { ISkySurvey, SkyTarget } from './tokens';

export interface ISkyToolbarOptions {
  trans: TranslationBundle;
  target?: SkyTarget;
  fov: number;
  projection: string;
  /** Go to the target text, at this field of view when one is given. */
  onGo: (target: string, fov?: number) => void;
  onProjection: (projection: string) => void;
  onFrame: (frame: string) => void;
  onSurvey: (id: string) => void;
  /** Start a box selection: the next drag on the sky draws a box and selects the sources in it. */
  onSelectBox: () => void;
}

/** An input or select with a visible label, appended to `parent`. */
function labelled<K extends 'input' | 'select'>(
  parent: HTMLElement,
  text: string,
  tag: K,
  props: { type?: string; placeholder?: string; className: string }
): HTMLElementTagNameMap[K] {
  const label = document.createElement('label');
  label.className = 'jp-escape-Sky-field';
  const span = document.createElement('span');
  span.textContent = text;
  const control = document.createElement(tag);
  control.className = props.className;
  if (control instanceof HTMLInputElement) {
    control.type = props.type ?? 'text';
    if (props.placeholder) {
      control.placeholder = props.placeholder;
    }
  }
  label.append(span, control);
  parent.append(label);
  return control;
}

export class SkyToolbar {
  constructor(options: ISkyToolbarOptions) {
    const trans = (this._trans = options.trans);
    const bar = (this.node = document.createElement('form'));
    bar.className = 'jp-escape-Sky-toolbar';
    bar.setAttribute('aria-label', trans.__('Sky view controls'));
    bar.addEventListener('submit', event => {
      event.preventDefault();
      const fov = parseFloat(this._fov.value);
      options.onGo(this._target.value, Number.isFinite(fov) ? fov : undefined);
    });
    this._target = labelled(bar, trans.__('Target'), 'input', {
      type: 'text',
      placeholder: trans.__('name or ra dec (deg)'),
      className: 'jp-mod-styled jp-escape-Sky-target'
    });
    if (typeof options.target === 'object') {
      this.showTarget(options.target.ra, options.target.dec);
    } else {
      this._target.value = options.target ?? '';
    }
    this._fov = labelled(bar, trans.__('FoV (°)'), 'input', {
      type: 'number',
      className: 'jp-mod-styled jp-escape-Sky-fov'
    });
    this._fov.min = '0.0001';
    this._fov.max = '360';
    this._fov.step = 'any';
    this._fov.value = String(options.fov);
    const go = document.createElement('button');
    go.type = 'submit';
    go.className = 'jp-mod-styled jp-mod-accept jp-escape-Sky-go';
    go.textContent = trans.__('Go');
    const select = (this._select = document.createElement('button'));
    select.type = 'button';
    select.className = 'jp-mod-styled jp-escape-Sky-selectBox';
    select.textContent = trans.__('Select box');
    select.title = trans.__(
      'Drag a box on the sky: the sources inside it are selected (in the grid and plots too)'
    );
    select.setAttribute('aria-pressed', 'false');
    select.addEventListener('click', () => options.onSelectBox());
    bar.append(go, select);
    this._addSelects(options);
  }

  readonly node: HTMLFormElement;

  /** The target field shows degrees at 1e-5 (what it parses back); its tooltip adds sexagesimal. */
  showTarget(ra: number, dec: number): void {
    this._target.value = formatDegrees(ra, dec);
    this._target.title = formatPosition(ra, dec);
  }

  setTargetText(text: string): void {
    this._target.value = text;
  }

  setFov(fov: number): void {
    this._fov.value = String(fov);
  }

  /** The box selection is waiting for its drag (the button shows it pressed), or it ended. */
  setSelecting(on: boolean): void {
    this._select.setAttribute('aria-pressed', String(on));
  }

  /** The survey shown as chosen ('' for none of the list). */
  setSurvey(id: string): void {
    this._survey.value = id;
  }

  /** List the surveys by origin (local, configured, registry), keeping the current choice. */
  setSurveys(surveys: readonly ISkySurvey[]): void {
    const select = this._survey;
    const current = select.value;
    select.replaceChildren();
    const groups: Record<ISkySurvey['origin'], string> = {
      local: this._trans.__('Local HiPS'),
      settings: this._trans.__('Configured'),
      registry: this._trans.__('From the registry')
    };
    for (const origin of ['local', 'settings', 'registry'] as const) {
      const ofOrigin = surveys.filter(s => s.origin === origin);
      if (!ofOrigin.length) {
        continue;
      }
      const group = document.createElement('optgroup');
      group.label = groups[origin];
      for (const s of ofOrigin) {
        group.append(new Option(s.title, s.id));
      }
      select.append(group);
    }
    if (!surveys.length) {
      select.append(new Option(this._trans.__('(no survey available)'), ''));
    }
    select.value = current || (surveys[0]?.id ?? '');
  }

  private _addSelects(options: ISkyToolbarOptions): void {
    const trans = this._trans;
    const bar = this.node;
    const projection = labelled(bar, trans.__('Projection'), 'select', {
      className: 'jp-mod-styled'
    });
    for (const p of PROJECTIONS) {
      const chosen = p === options.projection;
      projection.append(new Option(p, p, chosen, chosen));
    }
    projection.addEventListener('change', () =>
      options.onProjection(projection.value)
    );
    const frame = labelled(bar, trans.__('Frame'), 'select', {
      className: 'jp-mod-styled'
    });
    for (const f of FRAMES) {
      frame.append(new Option(f, f, f === 'ICRSd', f === 'ICRSd'));
    }
    frame.addEventListener('change', () => options.onFrame(frame.value));
    this._survey = labelled(bar, trans.__('Survey'), 'select', {
      className: 'jp-mod-styled jp-escape-Sky-survey'
    });
    this._survey.addEventListener('change', () =>
      options.onSurvey(this._survey.value)
    );
  }

  private _trans: TranslationBundle;
  private _target: HTMLInputElement;
  private _fov: HTMLInputElement;
  private _survey!: HTMLSelectElement;
  private _select: HTMLButtonElement;
}
