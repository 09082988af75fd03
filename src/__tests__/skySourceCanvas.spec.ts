/**
 * The source canvas (src/sky/sourceCanvas.ts) with a stand-in for Aladin Lite's view: its batched projection is
 * the identity (ra, dec are the screen's x, y) and the 2-D context keeps what was put. jsdom has no canvas
 * drawing, so the context and ImageData are the smallest real-behaving stand-ins: the pixels checked are the
 * ones the canvas code computed.
 */
import type { IAladin, IAladinView } from 'aladin-lite';
import { ICanvasLayer, SourceCanvas } from '../sky/sourceCanvas';
import { packColour } from '../sky/stamps';

class PixelImage {
  constructor(
    readonly width: number,
    readonly height: number
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
  readonly data: Uint8ClampedArray;
}

const GREEN = packColour(0, 255, 0);
const WHITE = packColour(255, 255, 255);

describe('SourceCanvas', () => {
  let puts: Uint32Array[];
  let redraws: number;
  let view: IAladinView;
  let sources: SourceCanvas;
  const layer: ICanvasLayer = {
    ra: new Float64Array([10, 30]),
    dec: new Float64Array([10, 30]),
    colours: GREEN,
    sizes: 6,
    visible: true
  };
  const pixel = (image: Uint32Array, x: number, y: number) => image[y * 40 + x];
  /** Pixels of a colour in a put image, within `r` of (x, y). */
  const around = (
    image: Uint32Array,
    x: number,
    y: number,
    colour: number,
    r = 6
  ) => {
    let n = 0;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        n += pixel(image, x + dx, y + dy) === colour ? 1 : 0;
      }
    }
    return n;
  };

  beforeEach(() => {
    Object.assign(globalThis, { ImageData: PixelImage });
    puts = [];
    redraws = 0;
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () =>
        ({
          putImageData: (image: PixelImage) =>
            puts.push(new Uint32Array(image.data.slice().buffer))
        }) as unknown as CanvasRenderingContext2D
    );
    const host = document.createElement('div');
    const theirs = document.createElement('canvas');
    host.append(theirs);
    view = {
      selectObjects: () => undefined,
      unselectObjects: () => undefined,
      requestRedraw: () => {
        redraws++;
      },
      drawAllOverlays: () => undefined,
      catalogCanvas: theirs,
      width: 40,
      height: 40,
      fov: 1,
      wasm: {
        getCenter: () => [0, 0],
        worldToScreenVec: (ra: Float64Array, dec: Float64Array) => {
          const xy = new Float64Array(2 * ra.length);
          ra.forEach((r, i) => {
            xy[2 * i] = r;
            xy[2 * i + 1] = dec[i];
          });
          return xy;
        }
      }
    };
    sources = new SourceCanvas({ view } as unknown as IAladin, () => undefined);
    sources.add(layer);
    view.drawAllOverlays!(); // Aladin's frame: the layer is drawn in full
  });

  afterEach(() => {
    sources.dispose();
    jest.restoreAllMocks();
  });

  it('draws a new selection at once, over the last picture, without a frame of Aladin', () => {
    expect(puts.length).toBe(1);
    expect(around(puts[0], 10, 10, GREEN)).toBeGreaterThan(0);
    const before = redraws;
    sources.select(layer, [1]);
    expect(redraws).toBe(before); // Aladin was not asked for a frame
    expect(puts.length).toBe(2);
    const picture = puts[1];
    expect(around(picture, 30, 30, WHITE)).toBeGreaterThan(0);
    expect(around(picture, 10, 10, WHITE)).toBe(0);
    expect(around(picture, 10, 10, GREEN)).toBe(around(puts[0], 10, 10, GREEN));

    // another selection: the first one's rings are gone (the picture starts from the layers alone)
    sources.select(layer, [0]);
    expect(around(puts[2], 10, 10, WHITE)).toBeGreaterThan(0);
    expect(around(puts[2], 30, 30, WHITE)).toBe(0);
    expect(around(puts[2], 30, 30, GREEN)).toBe(around(puts[0], 30, 30, GREEN));
    sources.select(null);
    expect(puts[3]).toEqual(puts[0]);
  });

  it('leaves the selection to the next frame once the view has moved', () => {
    view.fov = 2; // zoomed: the last picture is not of this view
    const before = redraws;
    sources.select(layer, [1]);
    expect(puts.length).toBe(1);
    expect(redraws).toBe(before + 1);
    view.drawAllOverlays!();
    expect(puts.length).toBe(2);
    expect(around(puts[1], 30, 30, WHITE)).toBeGreaterThan(0);
  });
});
