/** The VO pillar's models: state and signals, no JSX; the views in ../ render them. */
export { targetKey, VOModel } from './base';
export { DAL_KINDS, DalModel } from './dal';
export type { IDalOutcome } from './dal';
export { REGISTRY_PAGE, RegistryModel, toQuery } from './registry';
export type { IRegistryForm } from './registry';
export { EXPORT_FORMATS, parseInfo, ResultModel } from './result';
export type { IRunOptions, Presenter, ResultState } from './result';
export { VOSectionModel } from './section';
export { hasColumns, isError, QUERY_FORMATS, ServiceModel } from './service';
export type { ServiceTab, TableDetail } from './service';
