/**
 * The state of one sky view: its surveys, its layers, the message line (why the sky is empty, what failed) and
 * the last selection of sources. Aladin Lite itself is driven by aladinView.ts; the DOM is built by widget.ts,
 * toolbar.ts and layersview.ts, which follow the signals here.
 */
import type { IAladinSource } from 'aladin-lite';
import { ISignal, Signal } from '@lumino/signaling';
import { defaultStyle, ID_KEY, ILayer, newLayerId } from './layers';
import { rawId, rawRow } from './sources';
import {
  ISkyLayerInfo,
  ISkyLayerStyle,
  ISkySelection,
  ISkySurvey,
  SkyLayerKind
} from './tokens';

export type MessageKind = 'info' | 'warn' | 'error';

export interface ISkyMessage {
  kind: MessageKind;
  text: string;
}

export class SkyModel {
  constructor(
    readonly viewName: string,
    surveys: ISkySurvey[]
  ) {
    this._surveys = surveys.slice();
  }

  get surveys(): readonly ISkySurvey[] {
    return this._surveys;
  }

  get layers(): readonly ILayer[] {
    return this._layers;
  }

  get message(): ISkyMessage {
    return this._message;
  }

  /** The last selection reported (a click, a box, or `select` from code). */
  get selection(): ISkySelection | null {
    return this._selection;
  }

  get surveysChanged(): ISignal<this, void> {
    return this._surveysChanged;
  }

  get layersChanged(): ISignal<this, void> {
    return this._layersChanged;
  }

  get messageChanged(): ISignal<this, ISkyMessage> {
    return this._messageChanged;
  }

  get selectionChanged(): ISignal<this, ISkySelection> {
    return this._selectionChanged;
  }

  /** The layers as the API reports them (copies: changing them changes nothing). */
  layerInfo(): ISkyLayerInfo[] {
    return this._layers.map(({ id, name, kind, visible, style, count }) => ({
      id,
      name,
      kind,
      visible,
      style: { ...style },
      count
    }));
  }

  setMessage(kind: MessageKind, text: string): void {
    this._message = { kind, text };
    this._messageChanged.emit(this._message);
  }

  /** A survey by id or URL. */
  findSurvey(ref: string | undefined): ISkySurvey | undefined {
    return this._surveys.find(s => s.id === ref || s.url === ref);
  }

  addSurvey(survey: ISkySurvey): void {
    if (this._surveys.some(s => s.id === survey.id)) {
      return;
    }
    this._surveys.push(survey);
    this._surveysChanged.emit();
  }

  /** A new layer (not yet listed), styled after its place in the list unless `style` says otherwise. */
  newLayer(kind: SkyLayerKind, name: string, style?: ISkyLayerStyle): ILayer {
    return {
      id: newLayerId(kind),
      name,
      kind,
      visible: true,
      style: { ...defaultStyle(this._layers.length, kind), ...(style ?? {}) },
      count: 0,
      handle: null
    };
  }

  /** List a layer; `announce` false keeps the list as it is until `layerChanged` (an image still loading). */
  addLayer(layer: ILayer, announce = true): void {
    this._layers.push(layer);
    if (announce) {
      this._layersChanged.emit();
    }
  }

  removeLayer(layer: ILayer): void {
    this._layers = this._layers.filter(l => l !== layer);
    this._layersChanged.emit();
  }

  /** A layer changed in place (visibility, style): the list shows it again. */
  layerChanged(): void {
    this._layersChanged.emit();
  }

  /** A layer by id or name. */
  findLayer(ref: string): ILayer | undefined {
    return this._layers.find(l => l.id === ref || l.name === ref);
  }

  findCatalogue(ref: string): ILayer | undefined {
    return this._layers.find(
      l => l.kind === 'catalogue' && (l.id === ref || l.name === ref)
    );
  }

  /** Sources of `layer` were selected: the rows and ids as given, not the escaped copies Aladin displays. */
  reportSelection(
    layer: ILayer,
    sources: IAladinSource[],
    origin: 'view' | 'api'
  ): void {
    this.reportRows(
      layer,
      () => sources.map(s => rawRow(s) ?? {}),
      sources.map(s => rawId(s)) as Array<string | number>,
      origin
    );
  }

  /**
   * Rows of `layer` (with their ids, in the same order) were selected. The rows are made when first read: the
   * grid and plots follow the ids, and a box over a million-row layer would otherwise build a record per row.
   */
  reportRows(
    layer: ILayer,
    selected: () => Record<string, unknown>[],
    ids: Array<string | number>,
    origin: 'view' | 'api'
  ): void {
    let rows: Record<string, unknown>[] | null = null;
    this._selection = {
      layer: layer.id,
      layerName: layer.name,
      ids,
      get rows(): Record<string, unknown>[] {
        rows ??= selected().map(s => {
          const row: Record<string, unknown> = { ...s };
          delete row[ID_KEY];
          return row;
        });
        return rows;
      },
      origin
    };
    this._selectionChanged.emit(this._selection);
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _surveys: ISkySurvey[];
  private _layers: ILayer[] = [];
  private _message: ISkyMessage = { kind: 'info', text: '' };
  private _selection: ISkySelection | null = null;
  private _surveysChanged = new Signal<this, void>(this);
  private _layersChanged = new Signal<this, void>(this);
  private _messageChanged = new Signal<this, ISkyMessage>(this);
  private _selectionChanged = new Signal<this, ISkySelection>(this);
}
