/** The data lake's main-area views, loaded on first use (the sidebar section is all that loads eagerly). */
export { DIDView } from './DIDView';
export { StorageView } from './StorageView';
export { TransfersView } from './TransfersView';
export { UploadView } from './UploadView';
