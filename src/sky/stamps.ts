/** Pixel stamps and colours for the source canvas (sourceCanvas.ts): rings as lists of pixel offsets, stamped into
 * an ImageData's pixels. */
import type { ICanvasLayer } from './sourceCanvas';

const stamps = new Map<number, Int16Array>();

/**
 * The pixels of a ring `diameter` device pixels across (line about 1.5 CSS pixels wide, as Aladin Lite's
 * circles): [radius, dx0, dy0, dx1, dy1, ...]. Made once per diameter.
 */
export function ringStamp(diameter: number, dpr = 1): Int16Array {
  const d = Math.max(2, Math.min(200, diameter));
  const key = d * 16 + Math.min(15, Math.round(dpr * 4));
  let stamp = stamps.get(key);
  if (!stamp) {
    const outer = d / 2;
    const inner = Math.max(0, outer - 1.5 * dpr);
    const r = Math.ceil(outer);
    const offsets: number[] = [r];
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const dist = Math.hypot(dx, dy);
        if (dist <= outer && dist >= inner) {
          offsets.push(dx, dy);
        }
      }
    }
    stamp = Int16Array.from(offsets);
    stamps.set(key, stamp);
  }
  return stamp;
}

/** RGBA as one number in ImageData's byte order (little-endian Uint32 view). */
export function packColour(r: number, g: number, b: number, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour ('#0f0', '#00ff00', 'rgb(…)', 'red') packed; opaque orange when the browser cannot read it. */
export function cssColour(css: string | undefined): number {
  if (!css) {
    return packColour(255, 153, 0);
  }
  const hex6 = /^#([0-9a-f]{6})$/i.exec(css);
  if (hex6) {
    const v = parseInt(hex6[1], 16);
    return packColour((v >> 16) & 255, (v >> 8) & 255, v & 255);
  }
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(css);
  if (rgb) {
    return packColour(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]));
  }
  // Named and short forms: let a canvas normalise them to #rrggbb.
  probe = probe ?? document.createElement('canvas').getContext('2d');
  if (probe) {
    probe.fillStyle = '#ff9900';
    probe.fillStyle = css;
    const normal = String(probe.fillStyle);
    if (/^#[0-9a-f]{6}$/i.test(normal)) {
      return cssColour(normal);
    }
  }
  return packColour(255, 153, 0);
}

/** Stamp a layer's rings (xy holds every `step`-th source). */
export function stampLayer(
  pixels: Uint32Array,
  width: number,
  height: number,
  dpr: number,
  layer: Pick<ICanvasLayer, 'colours' | 'sizes'>,
  xy: Float64Array,
  step: number
): void {
  const n = xy.length / 2;
  const oneColour = typeof layer.colours === 'number' ? layer.colours : 0;
  const oneSize =
    typeof layer.sizes === 'number'
      ? ringStamp(Math.round(layer.sizes * dpr), dpr)
      : null;
  for (let j = 0; j < n; j++) {
    const x = xy[2 * j];
    const y = xy[2 * j + 1];
    // Aladin's projection gives 0 (or NaN) for a position that is not on the sky in this projection.
    if (!x || !y) {
      continue;
    }
    const i = j * step;
    const colour =
      typeof layer.colours === 'number' ? oneColour : layer.colours[i];
    const stamp =
      oneSize ??
      ringStamp(Math.round((layer.sizes as Uint8Array)[i] * dpr), dpr);
    stampAt(pixels, width, height, stamp, x * dpr, y * dpr, colour);
  }
}

/** Write `colour` at the stamp's offsets around (x, y), skipping what falls outside the image. */
export function stampAt(
  pixels: Uint32Array,
  width: number,
  height: number,
  stamp: Int16Array,
  x: number,
  y: number,
  colour: number
): void {
  const cx = Math.round(x);
  const cy = Math.round(y);
  const r = stamp[0];
  if (cx + r < 0 || cy + r < 0 || cx - r >= width || cy - r >= height) {
    return;
  }
  const inside =
    cx - r >= 0 && cy - r >= 0 && cx + r < width && cy + r < height;
  for (let k = 1; k < stamp.length; k += 2) {
    const px = cx + stamp[k];
    const py = cy + stamp[k + 1];
    if (inside || (px >= 0 && py >= 0 && px < width && py < height)) {
      pixels[py * width + px] = colour;
    }
  }
}
