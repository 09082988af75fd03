/** What other pillars need to open plots (command ids, MIME type); nothing heavy is imported from here. */
export const PLOT_MIME_TYPE = 'application/vnd.escape.plot+json';

export namespace PlotCommandIDs {
  /** args: { source: IPlotSource, title?: string, spec?: IPlotSpec, view?: string } */
  export const open = 'escape:open-plot';
}

export type PlotKind = 'scatter' | 'histogram' | 'density';

/** What is plotted: axes are DuckDB expressions over the table's columns. */
export interface IPlotSpec {
  kind: PlotKind;
  x: string;
  y?: string;
  color?: string;
  logx?: boolean;
  logy?: boolean;
  bins?: number;
  nx?: number;
  ny?: number;
  xrange?: [number, number];
  yrange?: [number, number];
}
