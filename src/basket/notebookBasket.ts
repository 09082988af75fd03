/**
 * "Save basket into this notebook" / "Restore basket from this notebook".
 *
 * Saving writes `metadata.escape.basket` through the notebook model (not the file on disk): the notebook
 * becomes dirty like after any edit, the user saves it, and nothing they have not saved is overwritten. The
 * block comes from `GET basket/export` (rows kept in parquet files are embedded when there are at most 5000
 * of them, otherwise the item keeps its origin query).
 *
 * Restoring goes through the server (`POST basket/notebook`, action load), which keeps item ids (items
 * already there are skipped). The server reads the file, so a notebook whose basket block differs from the
 * saved file is saved first (after asking).
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { basketAPI, INotebookBlock } from './api';
import { sameBlock } from './blocks';

/** The block for `metadata.escape.basket` (the server embeds stored rows up to 5000, like a file save). */
export function basketBlock(itemIds?: string[]): Promise<INotebookBlock> {
  return basketAPI.exportBlock(itemIds);
}

/** Write the block into the notebook's metadata (marks the notebook dirty). */
export function writeBlock(panel: NotebookPanel, block: INotebookBlock): void {
  const model = panel.content.model;
  if (!model) {
    throw new Error('The notebook has no model yet');
  }
  const escape =
    (model.getMetadata('escape') as Record<string, unknown> | undefined) ?? {};
  model.setMetadata('escape', { ...escape, basket: block });
}

export function readBlock(panel: NotebookPanel): INotebookBlock | null {
  const escape = panel.content.model?.getMetadata('escape') as
    Record<string, unknown> | undefined;
  const block = escape?.basket as Partial<INotebookBlock> | undefined;
  return block && Array.isArray(block.items) ? (block as INotebookBlock) : null;
}

/**
 * Make sure the file on disk carries the block the user sees, saving the notebook (after asking) when it
 * does not. Resolves false when the user declined.
 */
export async function ensureSavedBlock(
  panel: NotebookPanel,
  trans: TranslationBundle
): Promise<boolean> {
  const inModel = readBlock(panel);
  if (!panel.context.model.dirty) {
    return true;
  }
  const onDisk = await basketAPI
    .readNotebook(panel.context.path)
    .catch(() => null);
  if (sameBlock(inModel, onDisk)) {
    return true;
  }
  const answer = await showDialog({
    title: trans.__('Save the notebook first?'),
    body: trans.__(
      'The basket is read from the saved file, and "%1" has unsaved changes to its basket. Save the notebook and restore?',
      panel.context.path
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save and restore') })
    ]
  });
  if (!answer.button.accept) {
    return false;
  }
  await panel.context.save();
  return true;
}
