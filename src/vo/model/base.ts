/** What every VO model shares: the one model base of src/common (a `changed` signal, a disposed flag). */
export { SignalModel as VOModel } from '../../common/signalModel';

/** The key a service is known by in lists and records: its kind and access URL. */
export function targetKey(target: { kind: string; url: string }): string {
  return `${target.kind} ${target.url}`;
}
