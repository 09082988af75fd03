/**
 * What the sky benchmarks measure with: the share of a view's catalogue pixels in a colour, the CPU time of the
 * browser's processes (from /proc), and a CPU profile of the page summarised by where the time went.
 */
import { CDPSession, Locator, Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';

const TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat times are in 1/100 s

/**
 * Share of a view's catalogue canvases' pixels in `colour`, read in the page: Aladin Lite's 2-D catalogue canvas
 * and, for large layers, jupyter-escape's own source canvas above it. (An element screenshot took ~12 s on the
 * loaded machine while Aladin rendered WebGL frames: it measured the screenshot, not the sky.)
 */
export async function colourShare(
  target: Locator,
  colour: 'green' | 'magenta'
): Promise<number> {
  return target.evaluate((root, colour) => {
    let best = 0;
    const canvases = root.querySelectorAll(
      'canvas.aladin-catalogCanvas, canvas.jp-escape-SkySources'
    );
    for (const canvas of Array.from(canvases) as HTMLCanvasElement[]) {
      const ctx = canvas.getContext('2d');
      if (!ctx || !canvas.width || !canvas.height) {
        continue;
      }
      const p = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < p.length; i += 4) {
        const [r, g, b] = [p[i], p[i + 1], p[i + 2]];
        const hit =
          colour === 'green'
            ? r < 90 && g > 170 && b < 90
            : r > 170 && g < 90 && b > 170;
        if (p[i + 3] > 0 && hit) {
          n++;
        }
      }
      best = Math.max(best, n / (p.length / 4));
    }
    return best;
  }, colour);
}

interface IProc {
  pid: number;
  ppid: number;
  ticks: number;
  kind: string;
}

/** All processes under `root` (this Playwright worker), with their CPU ticks and Chromium process type. */
export function processTree(root: number): IProc[] {
  const all: IProc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its command line into one string: look for --type=... anywhere in it.
      const cmdline = fs
        .readFileSync(`/proc/${entry}/cmdline`, 'utf8')
        .replace(/\0/g, ' ');
      const type = cmdline.match(/--type=(\S+)/);
      const program = cmdline.split(' ')[0].split('/').pop() || '?';
      all.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        kind: type ? type[1] : /chrom/i.test(cmdline) ? 'browser' : program
      });
    } catch {
      // the process ended while being read
    }
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter(p => p.pid !== root && inTree.has(p.pid));
}

/** CPU seconds used by Chromium's processes under this worker so far. */
export function browserCpuSeconds(): number {
  return (
    processTree(process.pid)
      .filter(p => /browser|renderer|gpu|utility|zygote/.test(p.kind))
      .reduce((sum, p) => sum + p.ticks, 0) / TICKS
  );
}

/** The machine's load average (1, 5, 15 min): other helpers share the two cores. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');
}

/** A wall clock and the browser's CPU between `start()` and `stop()`, printed as "wall s (CPU s, load ...)". */
export class Stopwatch {
  constructor() {
    this._wall = Date.now();
    this._cpu = browserCpuSeconds();
  }
  /** Seconds since the start. */
  get wall(): number {
    return (Date.now() - this._wall) / 1000;
  }
  /** "9.86 s wall, 7.10 s browser CPU, load 3.2 2.1 1.9" */
  describe(): string {
    return `${this.wall.toFixed(2)} s wall, ${(browserCpuSeconds() - this._cpu).toFixed(2)} s browser CPU, load ${loadAverage()}`;
  }
  private _wall: number;
  private _cpu: number;
}

interface IProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface IProfile {
  nodes: IProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Start the V8 sampling profiler of `page`'s main thread. */
export async function startProfile(page: Page): Promise<CDPSession> {
  // Galata's `page` fixture is a proxy, which newCDPSession refuses: take the context's own Page object.
  const real =
    page
      .context()
      .pages()
      .find(p => p.url() === page.url()) ?? page;
  const cdp = await page.context().newCDPSession(real);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** What a script URL is, for the summary: the chunk's name without its hash. */
function origin(url: string): string {
  if (!url) {
    return '';
  }
  const file = url.split('/').pop()!.split('?')[0];
  return file.replace(/\.[0-9a-f]{16,}\.js$/, '.js');
}

/** Stop the profiler and print the main thread's self time by function (top `top`) and by script. */
export async function stopProfile(
  cdp: CDPSession,
  label: string,
  top = 25
): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: IProfile;
  };
  const byNode = new Map(profile.nodes.map(n => [n.id, n]));
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(samples[i], (selfMs.get(samples[i]) ?? 0) + ms);
  }
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const frame = byNode.get(id)!.callFrame;
    const where = origin(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const script = where || frame.functionName;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, ms]) => `    ${ms.toFixed(0).padStart(7)} ms  ${k.slice(0, 150)}`
      )
      .join('\n');
  console.log(
    `profile "${label}": ${total.toFixed(0)} ms of main thread\n  by script:\n${list(byScript, 12)}\n  by function (self):\n${list(byFunction, top)}`
  );
  await cdp.detach();
}

/** Frames per second the page draws while `act` runs (requestAnimationFrame callbacks, as the user sees). */
async function framesDuring(
  page: Page,
  act: () => Promise<void>
): Promise<{ fps: number; worstMs: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__frames = [];
    w.__counting = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__counting) {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });
  await act();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__counting = false;
    const f = w.__frames;
    let worst = 0;
    for (let i = 1; i < f.length; i++) {
      worst = Math.max(worst, f[i] - f[i - 1]);
    }
    const span = f.length > 1 ? (f[f.length - 1] - f[0]) / 1000 : 1;
    return { fps: (f.length - 1) / span, worstMs: worst };
  });
}

/** Drag across the view in `steps` moves, then zoom in and out with the wheel; frame rates of both. */
export async function panAndZoom(
  page: Page,
  view: Locator,
  label: string
): Promise<void> {
  const box = (await view.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const pan = await framesDuring(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 40; i++) {
      await page.mouse.move(cx + 4 * i, cy + 2 * i);
      await page.waitForTimeout(25);
    }
    await page.mouse.up();
  });
  const zoom = await framesDuring(page, async () => {
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, i < 4 ? -200 : 200);
      await page.waitForTimeout(150);
    }
  });
  console.log(
    `${label}: pan ${pan.fps.toFixed(1)} frames/s (longest frame ${pan.worstMs.toFixed(0)} ms), zoom ${zoom.fps.toFixed(1)} frames/s (longest ${zoom.worstMs.toFixed(0)} ms), load ${loadAverage()}`
  );
}

/**
 * The page's memory after a full garbage collection, in MB (CDP Runtime.getHeapUsage): JavaScript objects (`js`)
 * and ArrayBuffer backing stores (`buffers`: typed arrays, Arrow's IPC bytes), which the JS heap does not count.
 */
export async function heapMB(
  page: Page
): Promise<{ js: number; buffers: number }> {
  const real =
    page
      .context()
      .pages()
      .find(p => p.url() === page.url()) ?? page;
  const cdp = await page.context().newCDPSession(real);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize?: number;
    };
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return {
      js: mb(usage.usedSize),
      buffers: mb(usage.backingStorageSize ?? NaN)
    };
  } finally {
    await cdp.detach();
  }
}
