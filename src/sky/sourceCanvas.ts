/**
 * Large catalogues drawn by jupyter-escape itself, on a canvas above Aladin Lite's, in step with its view.
 *
 * Aladin Lite keeps one JavaScript object per source and draws each with its own `drawImage` call on every frame
 * that moves: with 100,000 sources that is most of the seconds before a layer shows and a few frames per second
 * when panning (benchmarks/sky/profile.bench.spec.ts prints the profile). Here a layer is a pair of Float64Arrays
 * (ra, dec) plus a colour and a size per source (typed arrays): one batched call to Aladin's projection (its wasm
 * `worldToScreenVec`, so every projection and frame Aladin offers is followed exactly) gives the screen positions,
 * and the rings are stamped into one ImageData, put on the canvas at once.
 *
 * While the view moves a layer set of more than MOTION_BUDGET sources is drawn from an even sample of them, and in
 * full once the view has been still for SETTLE_MS: a million sources pan and zoom at interactive frame rates.
 * Picking a source (a click) searches the last screen positions; the selection is kept by source index and drawn
 * on top. A new selection redraws only the rings: the layers' last full picture is kept, copied back and the rings
 * stamped over it at once, without a frame of Aladin's (which also renders its WebGL sky: 0.3 s and more with
 * software WebGL) nor projecting and stamping every source again.
 */
import type { IAladin } from 'aladin-lite';
import { markStep } from '../components/timing';
import { packColour, ringStamp, stampAt, stampLayer } from './stamps';
import { isMoving, project, strided, viewKey } from './viewProjection';

/** Above this many sources in view, frames during a pan or zoom draw a sample. */
export const MOTION_BUDGET = 50_000;
/** The full set is drawn this long after the view stops moving. */
export const SETTLE_MS = 120;
/** A click picks the nearest source within this many CSS pixels (or its ring, if larger). */
const PICK_PX = 6;

/** One large catalogue as the canvas draws it. */
export interface ICanvasLayer {
  ra: Float64Array;
  dec: Float64Array;
  /** Packed RGBA (ImageData byte order) per source, or one for all. */
  colours: Uint32Array | number;
  /** Ring diameter in CSS pixels per source, or one for all. */
  sizes: Uint8Array | number;
  visible: boolean;
}

interface IDrawn {
  layer: ICanvasLayer;
  /** Screen x, y (CSS pixels) of every source, from the last full projection; NaN where not on screen. */
  xy: Float64Array | null;
}

export class SourceCanvas {
  constructor(
    private _aladin: IAladin,
    /** A source was clicked: its layer and index. */
    private _onPick: (layer: ICanvasLayer, index: number) => void
  ) {
    const view = _aladin.view;
    const draw = view.drawAllOverlays;
    if (typeof draw === 'function') {
      // Aladin draws its overlays exactly when the picture may have changed: ours follow in the same frame.
      view.drawAllOverlays = (...args: unknown[]) => {
        draw.apply(view, args);
        try {
          this._frame();
        } catch (error) {
          // Aladin's frame loop must go on (its own layers, the survey) whatever happened to ours.
          console.error(
            'jupyter-escape: drawing large catalogues failed',
            error
          );
        }
      };
    }
  }

  /** Add (and draw) a layer. */
  add(layer: ICanvasLayer): void {
    this._layers.push({ layer, xy: null });
    this._ensureCanvas();
    this.invalidate();
  }

  remove(layer: ICanvasLayer): void {
    this._layers = this._layers.filter(d => d.layer !== layer);
    if (this._selection?.layer === layer) {
      this._selection = null;
    }
    this.invalidate();
  }

  /** Something of the layers changed (visibility, style): draw again on the next frame. */
  invalidate(): void {
    this._key = '';
    this._aladin.view.requestRedraw?.();
  }

  /**
   * Highlight `indices` of `layer` (null clears). The rings are drawn at once over the layers' last full picture
   * when it still matches the view; otherwise on the next frame, with everything else.
   */
  select(layer: ICanvasLayer | null, indices: number[] = []): void {
    this._selection = layer && indices.length ? { layer, indices } : null;
    if (!this._redrawSelection()) {
      this.invalidate();
    }
  }

  /** The source under a point of the view (CSS pixels from its top left), the nearest within its ring. */
  pick(x: number, y: number): { layer: ICanvasLayer; index: number } | null {
    if (this._sampled) {
      this._draw(false); // a click right after a pan: the positions of every source, not the sample's
    }
    let best: { layer: ICanvasLayer; index: number } | null = null;
    let bestD2 = Infinity;
    for (let l = this._layers.length - 1; l >= 0; l--) {
      const { layer, xy } = this._layers[l];
      if (!layer.visible || !xy) {
        continue;
      }
      for (let i = 0; i < layer.ra.length; i++) {
        const dx = xy[2 * i] - x;
        const dy = xy[2 * i + 1] - y;
        const d2 = dx * dx + dy * dy;
        if (d2 < bestD2) {
          const size =
            typeof layer.sizes === 'number' ? layer.sizes : layer.sizes[i];
          const reach = Math.max(PICK_PX, size / 2 + 1);
          if (d2 <= reach * reach) {
            bestD2 = d2;
            best = { layer, index: i };
          }
        }
      }
    }
    return best;
  }

  /**
   * The sources inside a region of the view (a selection box: CSS pixels from its top left), by layer; every
   * visible source is tested, not the sample drawn while the view moves.
   */
  within(region: {
    contains(point: { x: number; y: number }): boolean;
    bbox(): { x: number; y: number; w: number; h: number };
  }): Array<{ layer: ICanvasLayer; indices: number[] }> {
    if (this._sampled) {
      this._draw(false);
    }
    const { x: x0, y: y0, w, h } = region.bbox();
    const point = { x: 0, y: 0 };
    const found: Array<{ layer: ICanvasLayer; indices: number[] }> = [];
    for (const { layer, xy } of this._layers) {
      if (!layer.visible || !xy) {
        continue;
      }
      const indices: number[] = [];
      for (let i = 0; i < layer.ra.length; i++) {
        const x = xy[2 * i];
        const y = xy[2 * i + 1];
        // Not on the sky in this projection (0 or NaN), or outside the region's box: no closer test needed.
        if (!x || !y || x < x0 || y < y0 || x > x0 + w || y > y0 + h) {
          continue;
        }
        point.x = x;
        point.y = y;
        if (region.contains(point)) {
          indices.push(i);
        }
      }
      if (indices.length) {
        found.push({ layer, indices });
      }
    }
    return found;
  }

  /** Follow clicks in `host` (the Aladin element): a click on a source of ours reports it. */
  watchClicks(host: HTMLElement): () => void {
    let down: { x: number; y: number; t: number } | null = null;
    const onDown = (event: PointerEvent) => {
      down = { x: event.clientX, y: event.clientY, t: event.timeStamp };
    };
    const onUp = (event: PointerEvent) => {
      const start = down;
      down = null;
      if (
        !start ||
        Math.hypot(event.clientX - start.x, event.clientY - start.y) > 4 ||
        event.timeStamp - start.t > 600 ||
        !this._canvas
      ) {
        return; // a drag, not a click
      }
      const rect = this._canvas.getBoundingClientRect();
      const hit = this.pick(
        event.clientX - rect.left,
        event.clientY - rect.top
      );
      if (hit) {
        // After Aladin's own handling of this click, which clears its selection and closes its popup table.
        window.setTimeout(() => this._onPick(hit.layer, hit.index), 0);
      }
    };
    host.addEventListener('pointerdown', onDown, {
      capture: true,
      passive: true
    });
    host.addEventListener('pointerup', onUp, { capture: true, passive: true });
    return () => {
      host.removeEventListener('pointerdown', onDown, { capture: true });
      host.removeEventListener('pointerup', onUp, { capture: true });
    };
  }

  dispose(): void {
    window.clearTimeout(this._settle);
    this._canvas?.remove();
    this._canvas = null;
    this._layersOnly = null;
    this._layers = [];
  }

  /** Called after Aladin drew its overlays: draw ours if the view or the layers changed. */
  private _frame(): void {
    const view = this._aladin.view;
    const key = viewKey(view);
    if (key === this._key && !this._sampled) {
      return;
    }
    const moving = isMoving(view);
    const total = this._layers.reduce(
      (n, d) => n + (d.layer.visible ? d.layer.ra.length : 0),
      0
    );
    this._draw(moving && total > MOTION_BUDGET, total);
    this._key = key;
    window.clearTimeout(this._settle);
    if (this._sampled) {
      // Once the view is still, every source.
      this._settle = window.setTimeout(() => {
        if (!isMoving(this._aladin.view)) {
          this._draw(false);
        } else {
          this._aladin.view.requestRedraw?.();
        }
      }, SETTLE_MS);
    }
  }

  /** Project and draw every visible layer (a sample of each when `sample`), then the selection. */
  private _draw(sample: boolean, total = 0): void {
    const canvas = this._ensureCanvas();
    const view = this._aladin.view;
    const wasm = view.wasm;
    if (!canvas || !wasm?.worldToScreenVec) {
      return;
    }
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(
      1,
      Math.round((view.width ?? canvas.clientWidth) * dpr)
    );
    const height = Math.max(
      1,
      Math.round((view.height ?? canvas.clientHeight) * dpr)
    );
    if (canvas.width !== width || canvas.height !== height || !this._image) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${width / dpr}px`;
      canvas.style.height = `${height / dpr}px`;
      this._image = new ImageData(width, height);
    }
    const image = this._image!;
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(0);
    const step = sample ? Math.ceil(total / MOTION_BUDGET) : 1;
    for (const drawn of this._layers) {
      const { layer } = drawn;
      if (!layer.visible) {
        continue;
      }
      let xy: Float64Array;
      if (step > 1) {
        xy = project(wasm, strided(layer.ra, step), strided(layer.dec, step));
      } else {
        xy = project(wasm, layer.ra, layer.dec, drawn.xy);
        drawn.xy = xy;
      }
      stampLayer(pixels, width, height, dpr, layer, xy, step);
    }
    this._sampled = step > 1;
    if (this._sampled) {
      this._layersOnly = null;
    } else {
      // the layers without rings, for the next selection
      if (this._layersOnly?.length !== pixels.length) {
        this._layersOnly = new Uint32Array(pixels.length);
      }
      this._layersOnly.set(pixels);
    }
    this._stampSelection(pixels, width, height, dpr);
    this._put(canvas, image);
  }

  /**
   * Draw the selection's rings over the layers' last full picture, if it is of the view as it is now (no
   * projection, no layer stamped). False when it is not: the caller draws everything on the next frame.
   */
  private _redrawSelection(): boolean {
    const canvas = this._canvas;
    const image = this._image;
    const layersOnly = this._layersOnly;
    if (
      !canvas ||
      !image ||
      !layersOnly ||
      this._sampled ||
      !this._key ||
      this._key !== viewKey(this._aladin.view) ||
      isMoving(this._aladin.view)
    ) {
      return false;
    }
    const pixels = new Uint32Array(image.data.buffer);
    if (pixels.length !== layersOnly.length) {
      return false;
    }
    pixels.set(layersOnly);
    this._stampSelection(
      pixels,
      image.width,
      image.height,
      window.devicePixelRatio || 1
    );
    this._put(canvas, image);
    return true;
  }

  /** The selection's white rings, over the sources (positions from the last full projection). */
  private _stampSelection(
    pixels: Uint32Array,
    width: number,
    height: number,
    dpr: number
  ): void {
    const selection = this._selection;
    const selected =
      selection && this._layers.find(d => d.layer === selection.layer);
    if (!selection || !selected?.xy || !selection.layer.visible) {
      return;
    }
    const xy = selected.xy;
    const size =
      typeof selection.layer.sizes === 'number' ? selection.layer.sizes : 8;
    const stamp = ringStamp(Math.round((size + 6) * dpr), dpr);
    for (const i of selection.indices) {
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      if (x && y) {
        // (0 or NaN: not on the sky in this projection)
        stampAt(pixels, width, height, stamp, x * dpr, y * dpr, SELECTED);
      }
    }
  }

  private _put(canvas: HTMLCanvasElement, image: ImageData): void {
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    canvas.dataset.drawn = String(++this._draws);
    canvas.dataset.sampled = String(this._sampled);
    markStep('sky-drawn');
  }

  /** Our canvas, right above Aladin's catalogue canvas (under its controls); null before Aladin made its own. */
  private _ensureCanvas(): HTMLCanvasElement | null {
    if (this._canvas) {
      return this._canvas;
    }
    const view = this._aladin.view;
    const theirs = view.catalogCanvas;
    if (!theirs) {
      return null;
    }
    const canvas = document.createElement('canvas');
    canvas.className = 'jp-escape-SkySources';
    canvas.style.position = 'absolute';
    canvas.style.left = '0';
    canvas.style.top = '0';
    canvas.style.pointerEvents = 'none';
    theirs.after(canvas);
    this._canvas = canvas;
    return canvas;
  }

  private _layers: IDrawn[] = [];
  private _selection: { layer: ICanvasLayer; indices: number[] } | null = null;
  private _canvas: HTMLCanvasElement | null = null;
  private _image: ImageData | null = null;
  /** The last full picture's pixels before the selection was stamped; null after a sampled one. */
  private _layersOnly: Uint32Array | null = null;
  private _key = '';
  private _sampled = false;
  private _settle = 0;
  private _draws = 0;
}

/** Selected sources: a white ring around the source. */
const SELECTED = packColour(255, 255, 255, 255);
