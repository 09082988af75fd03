/**
 * State of "Which VO data covers this?" for one DID: the service type asked for, and the one request (its
 * answer, failure, busy; a new search or Cancel aborts the one in flight). State and signals only, no JSX.
 */
import { LatestRequest } from '../common/latestRequest';
import { SignalModel } from '../common/signalModel';
import { datalakeAPI, ICoverageReply } from './api';

export const SERVICE_TYPES = ['', 'scs', 'sia', 'sia2', 'ssa', 'tap'];

export class CoverageModel extends SignalModel {
  constructor(
    readonly instance: string,
    readonly did: string
  ) {
    super();
  }

  readonly request = new LatestRequest<ICoverageReply>(() => this.emit());

  /** '' for any service type. */
  get servicetype(): string {
    return this._servicetype;
  }

  setServicetype(servicetype: string): void {
    this._servicetype = servicetype;
    this.emit();
  }

  search(): void {
    const { instance, did, servicetype } = this;
    this.request.run(signal =>
      datalakeAPI.coverage(instance, did, servicetype, signal)
    );
  }

  dispose(): void {
    this.request.abort();
    super.dispose();
  }

  private _servicetype = '';
}
