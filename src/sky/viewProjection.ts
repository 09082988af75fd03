/**
 * Where the sky view's sources land on the screen: Aladin's own projection of many positions at once, and what the
 * picture depends on in the view (so the canvas knows when a kept picture is still right).
 */
import type { IAladinView, IAladinWasm } from 'aladin-lite';

/** What the picture depends on in the view: centre, field, size, projection, frame. */
export function viewKey(view: IAladinView): string {
  const centre = view.wasm?.getCenter?.() ?? [];
  return `${centre[0]},${centre[1]},${view.fov},${view.width},${view.height},${view.projection?.id},${view.cooFrame?.system}`;
}

export function isMoving(view: IAladinView): boolean {
  return (
    !!view.dragging ||
    !!view.moving ||
    Math.abs(view.zoomDelta ?? 0) > 0.001 ||
    !!view.pan
  );
}

/** Sources projected per call: bounds the memory Aladin's wasm side allocates for one call. */
const PROJECT_CHUNK = 131_072;

/** Screen x, y pairs (CSS pixels) of every (ra, dec), projected by Aladin in chunks; into `into` if it fits. */
export function project(
  wasm: IAladinWasm,
  ra: Float64Array,
  dec: Float64Array,
  into?: Float64Array | null
): Float64Array {
  const out =
    into && into.length === 2 * ra.length
      ? into
      : new Float64Array(2 * ra.length);
  for (let start = 0; start < ra.length; start += PROJECT_CHUNK) {
    const end = Math.min(ra.length, start + PROJECT_CHUNK);
    out.set(
      wasm.worldToScreenVec!(ra.subarray(start, end), dec.subarray(start, end)),
      2 * start
    );
  }
  return out;
}

/** Every `step`-th value. */
export function strided(values: Float64Array, step: number): Float64Array {
  const out = new Float64Array(Math.ceil(values.length / step));
  for (let i = 0, j = 0; i < values.length; i += step, j++) {
    out[j] = values[i];
  }
  return out;
}
