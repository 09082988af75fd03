/**
 * The layers of one sky view as operations: check what is asked, build the layer in Aladin Lite, keep the
 * model's list in step, and turn sources picked in the view into selections of our layers. The errors say
 * what was wrong with the input (no rows, a missing column, nothing readable).
 */
import type { IAladinSource } from 'aladin-lite';
import { TranslationBundle } from '@jupyterlab/translation';
import { AladinView } from './aladinView';
import { ILayer } from './layers';
import { SkyModel } from './model';
import { SkyTable } from './rows';
import { ICanvasLayer } from './sourceCanvas';
import { ISkyLayerStyle, ISkyTableColumns, SkyLayerKind } from './tokens';

export class SkyLayers {
  constructor(
    private _model: SkyModel,
    private _trans: TranslationBundle,
    private _view: () => AladinView | null
  ) {}

  /** A catalogue of the rows of `table`; throws (and keeps nothing) when no row has a numeric position. */
  addCatalogue(
    name: string,
    columns: ISkyTableColumns,
    table: SkyTable,
    style?: ISkyLayerStyle
  ): ILayer {
    const trans = this._trans;
    if (table.length === 0) {
      throw new Error(
        trans.__('Table "%1" has no rows: nothing to show.', name)
      );
    }
    for (const key of [columns.ra, columns.dec]) {
      if (!table.has(key)) {
        throw new Error(
          trans.__(
            'Table "%1" has no column "%2" (columns: %3).',
            name,
            key,
            table.names.join(', ')
          )
        );
      }
    }
    const layer = this._build('catalogue', name, style, l => {
      l.catalogue = { columns, table };
    });
    if (layer.count === 0) {
      this._drop(layer);
      throw new Error(
        trans.__(
          'Table "%1": no row has numeric positions in columns %2 / %3.',
          name,
          columns.ra,
          columns.dec
        )
      );
    }
    return layer;
  }

  /** Say how many sources of the `total` rows are shown (rows without a numeric position are skipped). */
  announceCatalogue(name: string, total: number, layer: ILayer): void {
    const skipped = total - layer.count;
    this._model.setMessage(
      skipped ? 'warn' : 'info',
      skipped
        ? this._trans._n(
            'Showing %2 sources of "%3"; %1 row without a numeric position was skipped.',
            'Showing %2 sources of "%3"; %1 rows without a numeric position were skipped.',
            skipped,
            layer.count,
            name
          )
        : this._trans.__('Showing %1 sources of "%2".', layer.count, name)
    );
  }

  /** Footprints from STC-S regions; throws when none can be read. */
  addFootprints(
    name: string,
    regions: string[],
    style?: ISkyLayerStyle
  ): ILayer {
    if (regions.length === 0) {
      throw new Error(
        this._trans.__('"%1" has no regions: nothing to show.', name)
      );
    }
    const layer = this._build('footprints', name, style, l => {
      l.regions = regions;
    });
    if (layer.count === 0) {
      this._drop(layer);
      throw new Error(
        this._trans.__(
          'None of the %1 regions of "%2" could be read as STC-S (POLYGON, CIRCLE, BOX).',
          regions.length,
          name
        )
      );
    }
    const bad = regions.length - layer.count;
    this._model.setMessage(
      bad ? 'warn' : 'info',
      bad
        ? this._trans._n(
            'Showing %2 footprints of "%3"; %1 region could not be read.',
            'Showing %2 footprints of "%3"; %1 regions could not be read.',
            bad,
            layer.count,
            name
          )
        : this._trans.__('Showing %1 footprints of "%2".', layer.count, name)
    );
    return layer;
  }

  /** A MOC given as JSON (order -> cells); throws when it is empty. */
  addMOC(
    name: string,
    moc: Record<string, number[]>,
    style?: ISkyLayerStyle,
    note?: string
  ): ILayer {
    const cells = Object.values(moc).reduce((n, v) => n + v.length, 0);
    if (cells === 0) {
      throw new Error(this._trans.__('MOC "%1" is empty.', name));
    }
    const layer = this._build('moc', name, style, l => {
      l.moc = moc;
      l.count = cells;
    });
    this._model.setMessage(
      'info',
      note ?? this._trans.__('Showing MOC "%1".', name)
    );
    return layer;
  }

  /** A workspace FITS image, listed while it loads; removed again when Aladin cannot display it. */
  async addImage(name: string, path: string): Promise<ILayer> {
    const layer = this._model.newLayer('image', name, undefined);
    layer.path = path;
    this._model.addLayer(layer, false);
    try {
      await this._view()!.loadImage(layer);
    } catch (detail) {
      this._model.removeLayer(layer);
      throw new Error(
        this._trans.__(
          'The FITS image "%1" could not be displayed%2',
          layer.name,
          detail ? `: ${String(detail)}` : '.'
        )
      );
    }
    this._model.layerChanged();
    this._model.setMessage(
      'info',
      this._trans.__('Showing FITS image "%1".', name)
    );
    return layer;
  }

  remove(ref: string): void {
    const layer = this._model.findLayer(ref);
    if (layer) {
      this._drop(layer);
    }
  }

  setVisible(ref: string, visible: boolean): void {
    const layer = this._model.findLayer(ref);
    const view = this._view();
    if (layer && view) {
      view.setVisible(layer, visible);
      this._model.layerChanged();
    }
  }

  restyle(ref: string, style: ISkyLayerStyle): void {
    const layer = this._model.findLayer(ref);
    const view = this._view();
    if (!layer || !view) {
      return;
    }
    layer.style = { ...layer.style, ...style };
    // Aladin objects take their style at creation: the view rebuilds them (keeping their place in our list).
    view.restyle(layer);
    this._model.layerChanged();
  }

  /** Sources picked in the view, in groups of one catalogue each: a selection of each group's layer. */
  picked(groups: IAladinSource[][]): void {
    const view = this._view();
    for (const group of groups) {
      const layer = view?.layerOfSource(this._model.layers, group[0]);
      if (layer) {
        this._model.reportSelection(layer, group, 'view');
      }
    }
  }

  /**
   * Sources of a large catalogue were picked in the view (a click: one, with its row shown in the popup table
   * as for a small catalogue; a box: those inside): highlight them and report their rows.
   */
  pickedLarge(drawn: ICanvasLayer, indices: number[], click: boolean): void {
    const layer = this._model.layers.find(l => l.large?.drawn === drawn);
    const view = this._view();
    if (!layer?.large || !view) {
      return;
    }
    view.selectLarge(layer, indices);
    if (click && indices.length === 1) {
      view.showRow(layer, indices[0]);
    }
    this.reportLarge(layer, indices, 'view');
  }

  /** Select sources of a large catalogue by index and report their rows and ids. */
  reportLarge(layer: ILayer, indices: number[], origin: 'view' | 'api'): void {
    const large = layer.large!;
    this._model.reportRows(
      layer,
      () => indices.map(i => large.rowOfSource(i)),
      indices.map(i => large.idOf(i)),
      origin
    );
  }

  /** A new layer of `kind`, filled by `fill`, built in Aladin and listed. */
  private _build(
    kind: SkyLayerKind,
    name: string,
    style: ISkyLayerStyle | undefined,
    fill: (layer: ILayer) => void
  ): ILayer {
    const layer = this._model.newLayer(kind, name, style);
    fill(layer);
    this._view()!.attach(layer);
    this._model.addLayer(layer);
    return layer;
  }

  private _drop(layer: ILayer): void {
    this._view()?.detach(layer);
    this._model.removeLayer(layer);
  }
}
