/**
 * Render on demand for Aladin Lite 3. Its view asks for the next animation frame at the end of every frame
 * (`View.redraw` ends with `requestAnimationFrame(view.redrawClbk)`), whatever happened: with software WebGL
 * (no GPU, as on most hubs) a sky nobody touches keeps a core busy. The gate below takes the place of
 * `redrawClbk`: frames run while something changes and for a short grace period after, then the chain of
 * frames simply stops, and anything that can change the picture starts it again:
 *  - input in the view (pointer, wheel, keys, touch) and a resize of its element;
 *  - any call on the Aladin object (goto, zoom, layers, surveys: what our widget and a user's code use);
 *  - the view's own requestRedraw (catalogue and overlay changes inside Aladin);
 *  - a HiPS tile or other survey file arriving (the WebGL side uploads it on the next frames);
 *  - Aladin reporting that it is still rendering (tile fade-in, inertia after a drag) keeps the frames going.
 * Frames only pause: no state of Aladin is changed, so a view that needs drawing always gets drawn.
 */
import { IDisposable } from '@lumino/disposable';
import type { IAladin, IAladinView } from 'aladin-lite';

/** Frames keep running this long after the last change, so short chains (tile blending) finish. */
export const GRACE_MS = 1500;

const INPUT_EVENTS = [
  'pointerdown',
  'pointermove',
  'pointerup',
  'wheel',
  'keydown',
  'touchstart',
  'touchmove',
  'dblclick',
  'contextmenu'
];

/** Survey files: HiPS tiles (NorderK/DirD/NpixN), Allsky previews, properties, MOCs. */
const SURVEY_FILE = /\/(Norder\d+\/|properties\b|Moc\.fits)/;

export interface IRenderGate extends IDisposable {
  /** Restart frames now (after a change the gate cannot see). */
  wake(): void;
  /** True while the chain of frames is stopped. */
  readonly paused: boolean;
}

/**
 * Install the gate on an Aladin instance whose view lives in `host`. Returns null (and leaves Aladin's own
 * loop alone) when this Aladin Lite does not have the loop this code knows.
 */
export function renderOnDemand(
  aladin: IAladin,
  host: HTMLElement
): IRenderGate | null {
  const view = aladin?.view;
  const original = view?.redrawClbk;
  const wasm = view?.wasm;
  if (
    !view ||
    typeof view.redraw !== 'function' ||
    typeof original !== 'function' ||
    typeof wasm?.isRendering !== 'function'
  ) {
    return null;
  }
  const gate = new FrameGate(
    view,
    host,
    original,
    () => !!wasm.isRendering?.()
  );
  const unwatchInput = watchInput(host, gate.wake);
  const unwrap = wrapMethods(aladin, gate.wake);
  const files = watchSurveyFiles(gate.wake);
  gate.onDispose = () => {
    unwatchInput();
    files?.disconnect();
    unwrap();
  };
  return gate;
}

/**
 * The gate in the view's frame chain: draws while something changes (and GRACE_MS after), then lets the chain
 * stop; `wake` starts it again.
 */
class FrameGate implements IRenderGate {
  constructor(
    private _view: IAladinView,
    private _host: HTMLElement,
    private _original: (time: number) => void,
    private _isRendering: () => boolean
  ) {
    _view.redrawClbk = this._frame;
    _host.dataset.renderLoop = 'running';
  }

  /** Stops what watches for changes (input, calls, survey files); run once, on dispose. */
  onDispose: () => void = () => undefined;

  get paused(): boolean {
    return this._paused;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Something changed from outside: note it, and restart the frames if they stopped. */
  readonly wake = (): void => {
    if (this._inFrame || this._disposed) {
      return; // calls made by the frame itself are not changes from outside
    }
    this._lastChange = performance.now();
    if (this._paused) {
      this._paused = false;
      this._host.dataset.renderLoop = 'running';
      // The frame after a pause must not see the pause as elapsed time (inertia, zoom animation).
      this._view.prevTime = performance.now();
      window.requestAnimationFrame(this._frame);
    }
  };

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.onDispose();
    this._view.redrawClbk = this._original;
    if (this._paused) {
      window.requestAnimationFrame(this._original);
    }
  }

  /** One frame: draw (Aladin then asks for the next frame through redrawClbk, this), or stop the chain. */
  private readonly _frame = (time: number): void => {
    if (this._disposed) {
      return;
    }
    if (!this._busy() && time - this._lastChange > GRACE_MS) {
      this._paused = true;
      this._host.dataset.renderLoop = 'paused';
      return; // no next frame: the chain stops here until wake()
    }
    this._inFrame = true;
    try {
      this._view.redraw?.(time);
    } finally {
      this._inFrame = false;
    }
    this._frames++;
    this._host.dataset.renderFrames = String(this._frames);
    if (this._isRendering() || this._busy()) {
      this._lastChange = Math.max(this._lastChange, time);
    }
  };

  /** The view is moving, zooming or has asked for a redraw. */
  private _busy(): boolean {
    const view = this._view;
    return (
      !!view.moving ||
      !!view.dragging ||
      !!view.pan ||
      Math.abs(view.zoomDelta ?? 0) > 0.001 ||
      !!view.needRedraw
    );
  }

  private _lastChange = performance.now();
  private _paused = false;
  private _inFrame = false;
  private _disposed = false;
  private _frames = 0;
}

/** Call `changed` on input in the view and when its element is resized; returns what stops it. */
function watchInput(host: HTMLElement, changed: () => void): () => void {
  for (const type of INPUT_EVENTS) {
    host.addEventListener(type, changed, { capture: true, passive: true });
  }
  const resize = new ResizeObserver(changed);
  resize.observe(host);
  return () => {
    for (const type of INPUT_EVENTS) {
      host.removeEventListener(type, changed, { capture: true });
    }
    resize.disconnect();
  };
}

/**
 * Every method of the Aladin object, as an own property that notes the call and calls the original, and the
 * view's requestRedraw likewise. Returns what puts the originals back.
 */
function wrapMethods(aladin: IAladin, changed: () => void): () => void {
  const methods = aladin as unknown as Record<string, unknown>;
  const wrapped: string[] = [];
  const seen = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(aladin);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (
        name === 'constructor' ||
        seen.has(name) ||
        !descriptor ||
        typeof descriptor.value !== 'function'
      ) {
        continue;
      }
      seen.add(name);
      const method: (...args: unknown[]) => unknown = descriptor.value;
      methods[name] = function (this: unknown, ...args: unknown[]) {
        changed();
        return method.apply(this, args);
      };
      wrapped.push(name);
    }
  }
  const view = aladin.view;
  const requestRedraw = view.requestRedraw;
  if (typeof requestRedraw === 'function') {
    const forward = requestRedraw as (...args: unknown[]) => void;
    view.requestRedraw = function (this: unknown, ...args: unknown[]) {
      changed();
      return forward.apply(this, args);
    };
  }
  return () => {
    for (const name of wrapped) {
      delete methods[name];
    }
    if (typeof requestRedraw === 'function') {
      view.requestRedraw = requestRedraw;
    }
  };
}

/** Call `changed` when a survey file (HiPS tile, Allsky, properties, MOC) arrives; null without resource timing. */
function watchSurveyFiles(changed: () => void): PerformanceObserver | null {
  try {
    const files = new PerformanceObserver(list => {
      if (list.getEntries().some(entry => SURVEY_FILE.test(entry.name))) {
        changed();
      }
    });
    files.observe({ type: 'resource', buffered: false });
    return files;
  } catch {
    return null; // no resource timing: tiles still draw on the next input or call
  }
}
