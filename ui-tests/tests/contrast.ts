/**
 * WCAG AA contrast from the page's computed styles (reading.spec.ts, reading-panels.spec.ts): 4.5:1 for text, 3:1
 * for large text (24 px, or 18.66 px bold). Disabled controls are exempt (WCAG 1.4.3).
 */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';

export interface IContrastFailure {
  /** The section open when it was found (several can be open). */
  section?: string;
  text: string;
  ratio: number;
  needed: number;
  fg: string;
  bg: string;
  where: string;
}

/** Text in `root` below WCAG AA contrast against the background it is drawn on. */
export async function contrastFailures(
  page: IJupyterLabPageFixture,
  root: string
): Promise<IContrastFailure[]> {
  return page.evaluate(rootSelector => {
    type RGBA = [number, number, number, number];
    const parse = (css: string): RGBA => {
      // rgb()/rgba() in 0-255, or color(srgb r g b / a) in 0-1 (what color-mix() computes to)
      const srgb = css.match(/color\(srgb ([^)]+)\)/);
      const m = srgb ?? css.match(/rgba?\(([^)]+)\)/);
      if (!m) {
        return [0, 0, 0, 0];
      }
      const parts = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      const scale = srgb ? 255 : 1;
      return [
        parts[0] * scale,
        parts[1] * scale,
        parts[2] * scale,
        parts.length > 3 ? parts[3] : 1
      ];
    };
    const over = (top: RGBA, below: RGBA): RGBA => {
      const a = top[3] + below[3] * (1 - top[3]);
      if (a === 0) {
        return [0, 0, 0, 0];
      }
      const mix = (i: number) =>
        (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = (c: RGBA): number => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
    };
    /** The opaque colour behind `el`: its own and its ancestors' backgrounds composed. */
    const background = (el: Element): RGBA => {
      const layers: RGBA[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) {
            break;
          }
        }
      }
      let result: RGBA = [255, 255, 255, 1];
      for (const layer of layers.reverse()) {
        result = over(layer, result);
      }
      return result;
    };
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (
        let node: Element | null = el;
        node && parts.length < 3;
        node = node.parentElement
      ) {
        const cls = [...node.classList].filter(c => c.startsWith('jp-'))[0];
        parts.unshift(`${node.tagName.toLowerCase()}${cls ? '.' + cls : ''}`);
      }
      return parts.join(' > ');
    };
    const failures: IContrastFailure[] = [];
    const rootEl = document.querySelector(rootSelector);
    if (!rootEl) {
      return failures;
    }
    for (const el of rootEl.querySelectorAll('*')) {
      const own = [...el.childNodes]
        .filter(n => n.nodeType === Node.TEXT_NODE)
        .map(n => n.textContent ?? '')
        .join('')
        .trim();
      const value =
        el instanceof HTMLInputElement &&
        !['checkbox', 'radio', 'color', 'range', 'hidden'].includes(el.type)
          ? el.value
          : el instanceof HTMLSelectElement
            ? (el.selectedOptions[0]?.textContent ?? '')
            : '';
      const text = (own || value).trim();
      if (!text || el.tagName === 'OPTION' || el.tagName === 'SCRIPT') {
        continue;
      }
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        rect.width === 0 ||
        rect.height === 0 ||
        style.visibility === 'hidden' ||
        el.closest('[hidden], [aria-hidden="true"]') ||
        el.closest(':disabled, [aria-disabled="true"]')
      ) {
        continue;
      }
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement) {
        opacity *= Number(getComputedStyle(node).opacity);
      }
      const bg = background(el);
      const fgRaw = parse(style.color);
      const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacity], bg);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed - 0.005) {
        failures.push({
          text: text.slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          needed,
          fg: style.color,
          bg: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
          where: describe(el)
        });
      }
    }
    return failures;
  }, root);
}

/** One line per failure, so a report says what to fix. */
export function describeFailure(f: IContrastFailure): string {
  return `${f.where} "${f.text}" ${f.ratio}:1 < ${f.needed}:1 (${f.fg} on ${f.bg})`;
}
