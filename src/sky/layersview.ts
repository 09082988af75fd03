/** The layers list beside the sky: show/hide, colour, size or opacity, zoom to, remove. Native controls, so
 * every action is reachable with the keyboard and announced by screen readers. */
import { TranslationBundle } from '@jupyterlab/translation';
import { ILayer } from './layers';
import { byColumnControls, numericColumnsOf } from './styleBy';
import { ISkyLayerStyle } from './tokens';

export interface ILayersListOptions {
  trans: TranslationBundle;
  onVisible: (id: string, visible: boolean) => void;
  onStyle: (id: string, style: ISkyLayerStyle) => void;
  onRemove: (id: string) => void;
  onZoom: (id: string) => void;
}

export class LayersList {
  constructor(options: ILayersListOptions) {
    this._options = options;
    this.node = document.createElement('section');
    this.node.className = 'jp-escape-SkyLayers';
    const heading = document.createElement('h3');
    heading.textContent = options.trans.__('Layers');
    this._list = document.createElement('ul');
    this._list.className = 'jp-escape-SkyLayers-list';
    this._empty = document.createElement('p');
    this._empty.className = 'jp-escape-SkyLayers-empty';
    this._empty.textContent = options.trans.__(
      'No layers yet. Send a table, MOC or FITS image from the VO results, the basket or a notebook (jupyter_escape.sky).'
    );
    this.node.append(heading, this._list, this._empty);
  }

  readonly node: HTMLElement;

  update(layers: ILayer[]): void {
    this._empty.hidden = layers.length > 0;
    this._list.replaceChildren(...layers.map(layer => this._item(layer)));
  }

  /** One layer: visibility, name, count, and the controls its kind takes. */
  private _item(layer: ILayer): HTMLLIElement {
    const trans = this._options.trans;
    const item = document.createElement('li');
    item.className = 'jp-escape-SkyLayer';
    item.dataset.layerId = layer.id;
    item.dataset.kind = layer.kind;

    const visible = document.createElement('input');
    visible.type = 'checkbox';
    visible.checked = layer.visible;
    visible.setAttribute('aria-label', trans.__('Show %1', layer.name));
    visible.addEventListener('change', () =>
      this._options.onVisible(layer.id, visible.checked)
    );

    const name = document.createElement('span');
    name.className = 'jp-escape-SkyLayer-name';
    name.textContent = layer.name;
    name.title = `${layer.name} (${layer.kind}, ${layer.count})`;

    const count = document.createElement('span');
    count.className = 'jp-escape-SkyLayer-count';
    count.textContent = layer.count.toLocaleString();

    const controls = document.createElement('span');
    controls.className = 'jp-escape-SkyLayer-controls';
    if (layer.kind !== 'image') {
      const colour = document.createElement('input');
      colour.type = 'color';
      colour.value = toHex(layer.style.color ?? '#ff9900');
      colour.setAttribute('aria-label', trans.__('Colour of %1', layer.name));
      colour.addEventListener('change', () =>
        this._options.onStyle(layer.id, { color: colour.value })
      );
      controls.append(colour);
    }
    if (layer.kind === 'catalogue') {
      controls.append(...this._catalogueControls(layer));
    }
    if (layer.kind === 'moc' || layer.kind === 'image') {
      controls.append(this._opacity(layer));
    }
    controls.append(
      button('✕', trans.__('Remove %1', layer.name), () =>
        this._options.onRemove(layer.id)
      )
    );
    item.append(visible, name, count, controls);
    return item;
  }

  /** A catalogue's source size, colour/size by a column, and "Go". */
  private _catalogueControls(layer: ILayer): HTMLElement[] {
    const trans = this._options.trans;
    const size = document.createElement('input');
    size.type = 'number';
    size.min = '2';
    size.max = '40';
    size.value = String(layer.style.size ?? 8);
    size.className = 'jp-mod-styled jp-escape-SkyLayer-size';
    size.setAttribute(
      'aria-label',
      trans.__('Source size of %1 (pixels)', layer.name)
    );
    size.addEventListener('change', () =>
      this._options.onStyle(layer.id, { size: Number(size.value) })
    );
    const zoom = button(trans.__('Go'), trans.__('Go to %1', layer.name), () =>
      this._options.onZoom(layer.id)
    );
    const table = layer.catalogue?.table;
    const byColumn = byColumnControls(
      trans,
      layer.name,
      table
        ? numericColumnsOf(table.names, table.length, (name, row) =>
            table.value(name, row)
          )
        : [],
      layer.style,
      style => this._options.onStyle(layer.id, style)
    );
    return [size, ...byColumn, zoom];
  }

  /** The opacity slider of a MOC or an image. */
  private _opacity(layer: ILayer): HTMLInputElement {
    const opacity = document.createElement('input');
    opacity.type = 'range';
    opacity.min = '0';
    opacity.max = '1';
    opacity.step = '0.05';
    opacity.value = String(
      layer.style.opacity ?? (layer.kind === 'moc' ? 0.3 : 1)
    );
    opacity.setAttribute(
      'aria-label',
      this._options.trans.__('Opacity of %1', layer.name)
    );
    opacity.addEventListener('change', () =>
      this._options.onStyle(layer.id, { opacity: Number(opacity.value) })
    );
    return opacity;
  }

  private _options: ILayersListOptions;
  private _list: HTMLUListElement;
  private _empty: HTMLParagraphElement;
}

function button(
  text: string,
  label: string,
  action: () => void
): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'jp-mod-styled jp-escape-SkyLayer-button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.addEventListener('click', action);
  return b;
}

/** <input type=color> only takes #rrggbb. */
function toHex(color: string): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) {
    return color;
  }
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) {
    return '#ff9900';
  }
  ctx.fillStyle = color;
  return ctx.fillStyle.startsWith('#') ? ctx.fillStyle : '#ff9900';
}
