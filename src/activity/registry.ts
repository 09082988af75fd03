/**
 * Which job sources the Activity view asks, and what it calls their kinds. A pillar adds its long-running
 * jobs to Activity by registering one source: a name, a label for its error line, the kinds of job it lists
 * with their labels, and `list()`, which maps the pillar's own job route to IActivityJob rows (state words
 * through jobWord(), so every kind reads in one vocabulary). The built-in sources are in builtins.ts.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { IJobView } from '../components/jobState';

/** One long-running job, whichever pillar runs it. */
export interface IActivityJob {
  /** Unique across kinds: `${kind}:${the pillar's id}` (the pillar's own id is view.id). */
  id: string;
  /** A kind registered by the job's source (IActivitySource.kinds). */
  kind: string;
  view: IJobView;
  /** What it works on: the DID, the query's label, the subject set. */
  title: string;
  /** Where: the TAP service, the Rucio instance, the Zooniverse project. */
  where: string;
  /** When it started (ms since the epoch), for the order of the list. */
  startedAt: number | null;
  cancel?: () => Promise<unknown>;
}

export interface IActivitySource {
  /** Unique among sources ('vo', 'datalake', 'samp'...): a second registration under it replaces the first. */
  name: string;
  /** Named in "%1 could not be listed." when list() fails ("TAP jobs"). */
  label: (trans: TranslationBundle) => string;
  /** The kinds its jobs have, with what the view calls them ({ tap: trans => trans.__('TAP job') }). */
  kinds: Record<string, (trans: TranslationBundle) => string>;
  /** Lists the jobs; throws the route's error (a route that is not there: return [], see orNone). */
  list(signal: AbortSignal, trans: TranslationBundle): Promise<IActivityJob[]>;
}

const registered = new Map<string, IActivitySource>();

/** Add a source to Activity (from a pillar's module or plugin); returns a function that removes it. */
export function registerActivitySource(source: IActivitySource): () => void {
  registered.set(source.name, source);
  return () => {
    if (registered.get(source.name) === source) {
      registered.delete(source.name);
    }
  };
}

/** The sources registered now, in registration order. */
export function activitySources(): IActivitySource[] {
  return [...registered.values()];
}

/** What the view calls a kind ("TAP job"); the kind itself when no source claims it. */
export function kindLabel(kind: string, trans: TranslationBundle): string {
  for (const source of registered.values()) {
    const label = source.kinds[kind];
    if (label) {
      return label(trans);
    }
  }
  return kind;
}
