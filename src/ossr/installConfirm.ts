/** The confirmation before an install: the exact command, where it runs (`environment`), the server's notes. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { IInstallPlan } from './api';

export async function confirmInstall(
  trans: TranslationBundle,
  plan: IInstallPlan,
  environment: string
): Promise<boolean> {
  const body = document.createElement('div');
  body.className = 'jp-escape-OSSR-confirm';
  const intro = document.createElement('p');
  intro.textContent = trans.__(
    'This command will run on the server, in the environment of %1:',
    environment
  );
  const pre = document.createElement('pre');
  pre.className = 'jp-escape-OSSR-code';
  pre.textContent = plan.command_line;
  body.append(intro, pre);
  for (const note of plan.notes) {
    const p = document.createElement('p');
    p.className = 'jp-escape-OSSR-muted';
    p.textContent = note;
    body.appendChild(p);
  }
  const restart = document.createElement('p');
  restart.textContent = trans.__(
    'Restart the kernel afterwards to import the new version.'
  );
  body.appendChild(restart);
  const answer = await showDialog({
    title: trans.__('Install %1?', plan.file),
    body: new Widget({ node: body }),
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Install') })
    ]
  });
  return answer.button.accept;
}
