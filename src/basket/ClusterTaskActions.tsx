/**
 * The actions under a cluster task's form (run a function, write HATS): start it, "Show me the code" for the
 * same request, and its job row. The request is built once from the form; an invalid form is reported on the
 * job's row instead of starting anything.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ClusterJobModel } from './clusterJob';
import { ClusterJobRow } from './ClusterJobRow';

export interface IClusterTaskActions<B> {
  job: ClusterJobModel;
  /** Another cluster action is under way: nothing new starts. */
  blocked: boolean;
  trans: TranslationBundle;
  labels: { start: string; running: string; title: string };
  /** CSS classes of the start button and of the job row, which the UI tests look for. */
  classes: { start: string; progress: string };
  /** The request of the form as it is, or why it cannot be sent. */
  request: () => B | string;
  start: () => void;
  snippet: (body: B) => string;
  insertCode: (code: string) => void;
}

export function ClusterTaskActions<B>(
  props: IClusterTaskActions<B>
): JSX.Element {
  const { job, trans, labels } = props;
  const showCode = (): void => {
    const body = props.request();
    if (typeof body === 'string') {
      job.setError(new Error(body));
      return;
    }
    props.insertCode(props.snippet(body));
  };
  return (
    <>
      <div className="jp-escape-Basket-actions">
        <button
          type="button"
          className={`jp-mod-styled jp-mod-accept ${props.classes.start}`}
          disabled={job.running || props.blocked}
          onClick={props.start}
        >
          {job.running ? labels.running : labels.start}
        </button>
        <button type="button" className="jp-mod-styled" onClick={showCode}>
          {trans.__('Show me the code')}
        </button>
      </div>
      <ClusterJobRow
        model={job}
        trans={trans}
        title={labels.title}
        className={props.classes.progress}
      />
    </>
  );
}
