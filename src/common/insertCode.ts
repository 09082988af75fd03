/**
 * "Show me the code": put a code cell below the active cell of the current notebook, or open a new
 * notebook when there is none. Shared by every pillar.
 *
 *   await insertCode(app, notebookTracker, 'import pyvo\n...');
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

export interface IInsertCodeOptions {
  /** Run the cell after inserting it (default false: the user reads it first). */
  run?: boolean;
  /** Open a new notebook even if one is current. */
  newNotebook?: boolean;
  /** Kernel of a new notebook (default python3). */
  kernelName?: string;
}

/** Where the code went: the notebook's path and the index of the new cell. */
export interface IInsertedCode {
  path: string;
  cellIndex: number;
}

async function currentOrNewNotebook(
  app: JupyterFrontEnd,
  tracker: INotebookTracker | null,
  options: IInsertCodeOptions
): Promise<NotebookPanel> {
  const current = tracker?.currentWidget;
  if (current && !options.newNotebook && !current.isDisposed) {
    app.shell.activateById(current.id);
    return current;
  }
  const panel = (await app.commands.execute('notebook:create-new', {
    kernelName: options.kernelName ?? 'python3'
  })) as NotebookPanel;
  await panel.context.ready;
  return panel;
}

export async function insertCode(
  app: JupyterFrontEnd,
  tracker: INotebookTracker | null,
  code: string,
  options: IInsertCodeOptions = {}
): Promise<IInsertedCode> {
  const panel = await currentOrNewNotebook(app, tracker, options);
  const notebook = panel.content;
  const model = notebook.model;
  if (!model) {
    throw new Error('The notebook has no model yet');
  }
  const cells = model.sharedModel.cells;
  // a fresh notebook has one empty cell: fill it rather than leaving a blank cell above
  const active = notebook.activeCell;
  let index: number;
  if (
    cells.length === 1 &&
    cells[0].cell_type === 'code' &&
    cells[0].getSource() === ''
  ) {
    index = 0;
    cells[0].setSource(code);
  } else {
    index = active ? notebook.activeCellIndex + 1 : cells.length;
    model.sharedModel.insertCell(index, { cell_type: 'code', source: code });
  }
  notebook.activeCellIndex = index;
  notebook.mode = 'command';
  await notebook.scrollToItem(index);
  if (options.run) {
    await app.commands.execute('notebook:run-cell');
  }
  return { path: panel.context.path, cellIndex: index };
}
