/**
 * Main-area views of a pillar: loaded on first use (so the eager bundle stays small) and opened once per key,
 * later calls reveal the open widget. Shared by the VO, data lake and OSSR plugins.
 *
 *   const views = lazy(() => import('./views'));
 *   const show = mainAreaOpener(app, views, error => trans.__('Could not open the view: %1', error));
 *   void show(`record ${id}`, v => new v.RecordView(ctx, id));
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';

/** `load` run once, on the first call; every call gets that promise. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

/** Opens `make(views)` in the main area under `key`, or activates the widget already open under it. */
export type MainAreaOpener<V> = <W extends Widget>(
  key: string,
  make: (views: V) => W
) => Promise<W>;

/**
 * `load` gives what `make` needs (run on every call: cache it with `lazy`); when it or `make` fails, the user
 * is told `failure(String(error))` and the returned promise rejects.
 */
export function mainAreaOpener<V>(
  app: JupyterFrontEnd,
  load: () => Promise<V>,
  failure: (error: string) => string
): MainAreaOpener<V> {
  const open = new Map<string, Widget>();
  return <W extends Widget>(key: string, make: (views: V) => W) =>
    load()
      .then(views => {
        let widget = open.get(key) as W | undefined;
        if (!widget || widget.isDisposed) {
          widget = make(views);
          open.set(key, widget);
          app.shell.add(widget, 'main');
        }
        app.shell.activateById(widget.id);
        return widget;
      })
      .catch(error => {
        Notification.error(failure(String(error)));
        throw error;
      });
}
