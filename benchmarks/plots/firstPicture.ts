/**
 * When a plot's first picture reached the screen, measured in the page, and (FRAMES=1) the screen itself.
 */
import { CDPSession, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** Page times (performance.now(), ms) of one first picture, and the picture (a PNG data URL). */
export interface IFirstPicture {
  key?: number; // the keydown that ran the cell (its event time)
  panel?: number; // the plot panel entered the page
  busy?: [number, number][]; // the main thread's long tasks (start, duration) until the picture was shown
  drawn?: number; // the panel set data-rendered: its first picture is drawn (canvas, same task)
  shown?: number; // the second animation frame after that: the frame holding the picture has been produced
  png?: string;
}

/**
 * Run in the page (page.evaluate) before the keypress: records on `window.densityFirst` the keydown running the
 * cell, the task that drew the panel's first picture, and the frame after the one that showed it. The picture
 * is read from the canvas only after that (it would otherwise delay the frame it measures).
 */
export function recordFirstPicture(): void {
  const times: IFirstPicture = {};
  (window as unknown as { densityFirst: IFirstPicture }).densityFirst = times;
  window.addEventListener(
    'keydown',
    event => {
      if (event.key === 'Enter' && event.ctrlKey && times.key === undefined) {
        times.key = event.timeStamp;
      }
    },
    { capture: true }
  );
  times.busy = [];
  const tasks = new PerformanceObserver(list => {
    for (const task of list.getEntries()) {
      if (times.shown === undefined) {
        times.busy!.push([task.startTime, task.duration]);
      }
    }
  });
  tasks.observe({ type: 'longtask' });
  const watch = new MutationObserver(() => {
    if (
      times.panel === undefined &&
      document.querySelector('.jp-escape-Plot')
    ) {
      times.panel = performance.now();
    }
    if (
      times.drawn !== undefined ||
      !document.querySelector('.jp-escape-Plot[data-rendered]')
    ) {
      return;
    }
    times.drawn = performance.now();
    watch.disconnect();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        times.shown = performance.now();
        const canvas = document.querySelector<HTMLCanvasElement>(
          '.jp-escape-Plot-preview'
        );
        if (canvas) {
          // on the panel's background (the canvas itself is transparent: dark-theme text would vanish)
          const copy = document.createElement('canvas');
          copy.width = canvas.width;
          copy.height = canvas.height;
          const ctx = copy.getContext('2d')!;
          ctx.fillStyle =
            getComputedStyle(document.body)
              .getPropertyValue('--jp-layout-color1')
              .trim() || 'white';
          ctx.fillRect(0, 0, copy.width, copy.height);
          ctx.drawImage(canvas, 0, 0);
          times.png = copy.toDataURL('image/png');
        }
      })
    );
  });
  watch.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-rendered']
  });
}

interface IFrame {
  at: number; // ms since the page's time origin
  data: string;
}

/** The screen as the browser composites it (CDP screencast), to save the frames around a first picture. */
export async function recordScreen(
  page: Page
): Promise<{ save: (first: IFirstPicture, folder: string) => Promise<void> }> {
  // Galata's `page` fixture is a proxy, which newCDPSession refuses: take the context's own Page object.
  const real =
    page
      .context()
      .pages()
      .find(p => p.url() === page.url()) ?? page;
  const cdp: CDPSession = await page.context().newCDPSession(real);
  const origin = await page.evaluate(() => performance.timeOrigin);
  const frames: IFrame[] = [];
  cdp.on('Page.screencastFrame', frame => {
    const at = (frame.metadata.timestamp ?? Date.now() / 1000) * 1000 - origin;
    frames.push({ at, data: frame.data });
    void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId });
  });
  await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
  return {
    save: async (first, folder) => {
      await cdp.send('Page.stopScreencast');
      fs.mkdirSync(folder, { recursive: true });
      const key = first.key ?? 0;
      // the last frame before the picture was drawn and every frame up to 0.5 s after it
      const before = frames.filter(f => f.at < (first.drawn ?? 0)).pop();
      const around = frames.filter(
        f => f.at >= (first.drawn ?? 0) && f.at < (first.shown ?? 0) + 500
      );
      for (const f of [...(before ? [before] : []), ...around]) {
        const name = `frame-${Math.round(f.at - key)}ms.png`;
        fs.writeFileSync(
          path.join(folder, name),
          Buffer.from(f.data, 'base64')
        );
      }
      console.log(
        `  screen frames saved in ${folder}: ${around.length} from the picture's task on (+${before ? 1 : 0} before); first after it at ${around.length ? ((around[0].at - key) / 1000).toFixed(2) : '-'} s`
      );
    }
  };
}
