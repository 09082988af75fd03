/**
 * The basket's notebook commands: save the basket into the active notebook's metadata, and restore it from
 * there (added to the basket, or replacing it), reading the saved file so what is restored is what was saved.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { basketAPI } from './api';
import { IBasketContext } from './context';
import { errorText } from './errorText';
import {
  basketBlock,
  ensureSavedBlock,
  readBlock,
  writeBlock
} from './notebookBasket';
import { BasketCommandIDs } from './tokens';

export function addNotebookCommands(
  app: JupyterFrontEnd,
  ctx: IBasketContext,
  tracker: INotebookTracker | null
): void {
  const { trans, model } = ctx;
  const current = () => tracker?.currentWidget ?? null;
  app.commands.addCommand(BasketCommandIDs.saveToNotebook, {
    label: trans.__('Save the Basket into This Notebook'),
    caption: trans.__(
      'Store the basket (items, groups, small row sets) in the notebook metadata'
    ),
    isEnabled: () => !!current(),
    execute: async () => {
      const panel = current();
      if (!panel) {
        Notification.warning(trans.__('Open a notebook first'));
        return;
      }
      try {
        const block = await basketBlock();
        writeBlock(panel, block);
        Notification.success(
          trans.__(
            'Basket (%1 items) stored in %2; save the notebook to keep it',
            block.items.length,
            panel.context.path
          ),
          {
            autoClose: 6000,
            actions: [
              {
                label: trans.__('Save now'),
                callback: () => void panel.context.save()
              }
            ]
          }
        );
      } catch (error) {
        Notification.error(
          errorText(
            error,
            trans.__('Could not save the basket into the notebook')
          )
        );
      }
    }
  });
  app.commands.addCommand(BasketCommandIDs.restoreFromNotebook, {
    label: trans.__('Restore the Basket from This Notebook'),
    caption: trans.__(
      'Add the items stored in the notebook metadata to the basket'
    ),
    isEnabled: () => !!current(),
    execute: async () => {
      const panel = current();
      if (!panel) {
        Notification.warning(trans.__('Open a notebook first'));
        return;
      }
      const block = readBlock(panel);
      if (!block || block.items.length === 0) {
        Notification.warning(
          trans.__('%1 has no basket in its metadata', panel.context.path)
        );
        return;
      }
      const answer = await showDialog({
        title: trans.__('Restore the basket from %1', panel.context.path),
        body: trans.__(
          '%1 items. Keep the current basket and add them, or replace it?',
          block.items.length
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.warnButton({
            label: trans.__('Replace'),
            actions: ['replace']
          }),
          Dialog.okButton({ label: trans.__('Add to basket') })
        ]
      });
      if (!answer.button.accept) {
        return;
      }
      try {
        if (!(await ensureSavedBlock(panel, trans))) {
          return;
        }
        const mode = answer.button.actions.includes('replace')
          ? 'replace'
          : 'merge';
        const result = await basketAPI.loadNotebook(panel.context.path, mode);
        await model.refresh();
        const text = `${trans._n('%1 item restored', '%1 items restored', result.added)}, ${trans.__(
          '%1 already there',
          result.skipped
        )}`;
        if (result.problems.length) {
          Notification.warning(
            `${text}. ${trans.__('Problems:')} ${result.problems.join('; ')}`
          );
        } else {
          Notification.success(text, { autoClose: 4000 });
        }
        model.reveal();
      } catch (error) {
        Notification.error(
          errorText(error, trans.__('Could not restore the basket'))
        );
      }
    }
  });
}
