/** The OSSR main-area views, loaded on first use (the section in the sidebar is all that loads eagerly). */
export { PublishView } from './PublishView';
export { RecordView } from './RecordView';
