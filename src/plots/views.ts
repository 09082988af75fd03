/** The lazily loaded part of the plots pillar (the panel and its model; plotly loads later, with a chart). */
export { PlotPanel } from './PlotPanel';
export { PlotModel } from './model';
