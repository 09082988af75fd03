/**
 * The sky view's body, drawn from its model: the message line (role alert for errors), the Aladin host, the
 * layers list and the selection line. The data attributes (`data-selection`, `data-centre`) let tests and
 * tools read what the view shows.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ILayer } from './layers';
import { LayersList } from './layersview';
import { ISkyMessage, SkyModel } from './model';
import { ISkyLayerStyle, ISkySelection } from './tokens';

export interface ILayerActions {
  onVisible: (id: string, visible: boolean) => void;
  onStyle: (id: string, style: ISkyLayerStyle) => void;
  onRemove: (id: string) => void;
  onZoom: (id: string) => void;
}

export class SkyPanelBody {
  constructor(
    model: SkyModel,
    private _trans: TranslationBundle,
    actions: ILayerActions
  ) {
    this.message = document.createElement('div');
    this.message.className = 'jp-escape-Sky-message';
    this.message.setAttribute('role', 'status');
    this.message.setAttribute('aria-live', 'polite');
    this.node = document.createElement('div');
    this.node.className = 'jp-escape-Sky-body';
    this.host = document.createElement('div');
    this.host.className = 'jp-escape-Sky-aladin';
    this.host.setAttribute('aria-label', _trans.__('Sky view'));
    this._layersList = new LayersList({ trans: _trans, ...actions });
    this._selectionLine = document.createElement('div');
    this._selectionLine.className = 'jp-escape-Sky-selection';
    this._selectionLine.setAttribute('aria-live', 'polite');
    const side = document.createElement('div');
    side.className = 'jp-escape-Sky-side';
    side.append(this._layersList.node, this._selectionLine);
    this.node.append(this.host, side);
    model.messageChanged.connect((_, m) => this._showMessage(m));
    model.layersChanged.connect(() =>
      this._layersList.update(model.layers as ILayer[])
    );
  }

  /** The message line (above the body, under the toolbar). */
  readonly message: HTMLDivElement;
  /** The body: Aladin's host and the side column. */
  readonly node: HTMLDivElement;
  /** Where Aladin Lite draws. */
  readonly host: HTMLDivElement;

  /** Say which sources are selected, on the line and in `panel.dataset.selection`. */
  showSelection(panel: HTMLElement, selection: ISkySelection): void {
    const { ids, layerName } = selection;
    this._selectionLine.textContent = ids.length
      ? this._trans._n(
          'Selected %1 source in "%2": %3',
          'Selected %1 sources in "%2": %3',
          ids.length,
          layerName,
          ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '')
        )
      : '';
    panel.dataset.selection = JSON.stringify({
      layer: layerName,
      ids,
      origin: selection.origin
    });
  }

  private _showMessage(message: ISkyMessage): void {
    this.message.textContent = message.text;
    this.message.dataset.kind = message.kind;
    this.message.setAttribute(
      'role',
      message.kind === 'error' ? 'alert' : 'status'
    );
    this.message.hidden = !message.text;
  }

  private _layersList: LayersList;
  private _selectionLine: HTMLDivElement;
}
