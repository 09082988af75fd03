/** "Publish <name>?": a DOI is minted; outside the sandbox the record cannot be deleted. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { IOSSRContext } from './context';
import { PublishModel } from './publishModel';

export async function confirmPublication(
  ctx: IOSSRContext,
  model: PublishModel
): Promise<boolean> {
  const { trans } = ctx;
  const { config } = model;
  const { sandbox } = model.deposit;
  const target = sandbox
    ? trans.__(
        'the sandbox of %1',
        config?.display_name ?? trans.__('the repository')
      )
    : (config?.display_name ?? trans.__('the software repository'));
  const answer = await showDialog({
    title: trans.__('Publish %1?', String(model.doc?.name ?? model.loadedPath)),
    body: sandbox
      ? trans.__(
          'This publishes to %1: a test DOI is minted; sandbox records can be deleted.',
          target
        )
      : trans.__(
          'This publishes to %1 and mints a DOI. A published record cannot be deleted or have its files changed.',
          target
        ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Publish') })
    ]
  });
  return answer.button.accept;
}
