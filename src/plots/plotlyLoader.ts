/**
 * plotly.js as the plot panel uses it: the few calls and events it needs (plotly ships no types; plotly.d.ts
 * declares the module), loaded once as its own chunk with the first plot, and the theme's colours for a figure.
 */
import type { IFigure, ITheme } from './render';

/** What the panel calls of plotly.js. */
export interface IPlotly {
  react(
    node: HTMLElement,
    data: IFigure['data'],
    layout: IFigure['layout'],
    config: { responsive: boolean; displaylogo: boolean }
  ): Promise<unknown>;
  downloadImage(
    node: HTMLElement,
    options: { format: string; filename: string; width: number; height: number }
  ): Promise<unknown>;
  Plots: { resize(node: HTMLElement): void };
}

/** A box drawn on the chart, in data units (only `x` for a histogram's horizontal brush). */
export interface IPlotlySelected {
  range?: { x?: number[]; y?: number[] };
}

/** A div plotly has drawn into: it emits plotly's events. */
export interface IPlotlyNode extends HTMLDivElement {
  on(
    event: 'plotly_selected',
    callback: (event?: IPlotlySelected) => void
  ): void;
  on(event: 'plotly_deselect', callback: () => void): void;
}

let plotly: Promise<IPlotly> | null = null;
let plotlyStarted: IPlotly | null = null;

/** plotly.js once its chunk has been evaluated, else null (nothing is loaded by asking). */
export function startedPlotly(): IPlotly | null {
  return plotlyStarted;
}

export function loadPlotly(): Promise<IPlotly> {
  return (plotly ??= import(
    /* webpackChunkName: "plotly" */ 'plotly.js-dist-min'
  ).then(m => (plotlyStarted = (m.default ?? m) as IPlotly)));
}

/** After the browser has painted what is drawn now (plotly's start would otherwise hold the frame back). */
export function afterPaint(): Promise<void> {
  return new Promise(resolve =>
    requestAnimationFrame(() => setTimeout(resolve, 0))
  );
}

function cssVar(name: string, fallback: string): string {
  return (
    getComputedStyle(document.body).getPropertyValue(name).trim() || fallback
  );
}

/** Colours from the JupyterLab theme, read at each draw (the theme may have changed). */
export function theme(): ITheme {
  return {
    font: cssVar('--jp-ui-font-color1', '#222'),
    grid: cssVar('--jp-border-color2', '#ddd'),
    muted: cssVar('--jp-brand-color1', '#1976d2')
  };
}
