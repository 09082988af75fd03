/**
 * The cluster's other two actions, beside the cross-match: run a function the user chose (from a workspace .py
 * module or a pasted cell) over basket tables, and write a basket table as HATS. Their forms, the requests the
 * forms make (pure, checked before anything is sent) and the jobs they start. State only: ClusterTasks.tsx draws.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { XMatchRef } from './api';
import { clusterAPI, IHatsRequest, IRunRequest } from './clusterApi';
import { ClusterJobModel } from './clusterJob';

export const FILE_INPUT = '\u0000file';

export interface IRunForm {
  source: 'module' | 'cell';
  module: string;
  code: string;
  function: string;
  /** A basket item id or workspace table; FILE_INPUT for `firstPath`. */
  first: string;
  firstPath: string;
  /** Optional: given whole to every partition. */
  second: string;
  table: string;
  partitions: string;
}

export interface IHatsForm {
  input: string;
  inputPath: string;
  name: string;
}

const ref = (value: string, path: string): XMatchRef =>
  value === FILE_INPUT ? { path: path.trim() } : value;

/** The `scale/run` request of a form, or a message naming the field at fault. */
export function runRequest(form: IRunForm): IRunRequest | string {
  if (!form.first || (form.first === FILE_INPUT && !form.firstPath.trim())) {
    return 'input: choose the table to split into partitions';
  }
  const body: IRunRequest = {
    inputs: [ref(form.first, form.firstPath)],
    table: form.table.trim() || 'cluster_result'
  };
  if (form.second) {
    body.inputs.push(form.second);
  }
  if (form.source === 'module') {
    if (!form.module.trim().endsWith('.py')) {
      return 'module: a .py file in the workspace, e.g. tools/colours.py';
    }
    body.module = form.module.trim();
  } else {
    if (!form.code.trim()) {
      return 'code: paste a cell that defines the function';
    }
    body.code = form.code;
  }
  if (form.function.trim()) {
    body.function = form.function.trim();
  }
  const parts = form.partitions.trim();
  if (parts) {
    const n = Number(parts);
    if (!Number.isInteger(n) || n < 1 || n > 256) {
      return 'partitions: a whole number from 1 to 256 (or empty for the default)';
    }
    body.partitions = n;
  }
  return body;
}

/** The `scale/hats` request of a form, or a message naming the field at fault. */
export function hatsRequest(form: IHatsForm): IHatsRequest | string {
  if (!form.input || (form.input === FILE_INPUT && !form.inputPath.trim())) {
    return 'input: choose the table to write as HATS';
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(form.name.trim())) {
    return 'name: letters, digits and _ (not starting with a digit)';
  }
  return { input: ref(form.input, form.inputPath), name: form.name.trim() };
}

export class ClusterTasksModel {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  runForm: IRunForm = {
    source: 'cell',
    module: '',
    code: 'def run(part):\n    """part: one partition (pandas); return a table."""\n    return part\n',
    function: '',
    first: '',
    firstPath: '',
    second: '',
    table: 'cluster_result',
    partitions: ''
  };
  hatsForm: IHatsForm = { input: '', inputPath: '', name: '' };
  readonly runJob = new ClusterJobModel();
  readonly hatsJob = new ClusterJobModel();

  setRun(changes: Partial<IRunForm>): void {
    this.runForm = { ...this.runForm, ...changes };
    this._changed.emit();
  }

  setHats(changes: Partial<IHatsForm>): void {
    this.hatsForm = { ...this.hatsForm, ...changes };
    this._changed.emit();
  }

  async runFunction(): Promise<void> {
    const body = runRequest(this.runForm);
    if (typeof body === 'string') {
      this.runJob.setError(new Error(body));
      return;
    }
    await this.runJob.run(() => clusterAPI.runFunction(body));
  }

  async writeHats(): Promise<void> {
    const body = hatsRequest(this.hatsForm);
    if (typeof body === 'string') {
      this.hatsJob.setError(new Error(body));
      return;
    }
    await this.hatsJob.run(() => clusterAPI.writeHats(body));
  }

  private _changed = new Signal<this, void>(this);
}
