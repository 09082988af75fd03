/** The shared components of every pillar (see each file); import from '../components'. */
export { Busy, Elapsed } from './Busy';
export type { IBusyProps } from './Busy';
export { CodeButton } from './CodeButton';
export type { ICodeButtonProps } from './CodeButton';
export { ErrorBox } from './ErrorBox';
export type { IErrorBoxProps } from './ErrorBox';
export { describeError, failureLine, isAbort } from './errors';
export type { IErrorView } from './errors';
export { formatBytes, formatTime } from './format';
export { Tabs } from './Tabs';
export type { ITabItem, ITabsProps } from './Tabs';
export { JobList, JobRow } from './JobRow';
export type { IJobListProps, IJobRowProps } from './JobRow';
export { stateLevel } from './jobState';
export type { IJobView, JobLevel } from './jobState';
export { ProgressBar } from './ProgressBar';
export { StatePill } from './StatePill';
