/** The basket's main-area views, loaded on first use (grid, CodeMirror and the forms stay out of the eager bundle). */
export { ItemTableView } from './itemViews';
export { ProvenanceView } from './ProvenanceView';
export { SQLConsole } from './SQLConsole';
export { XMatchView } from './XMatchView';
