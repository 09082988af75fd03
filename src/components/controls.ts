/**
 * Native form controls for toolbars of plain-DOM widgets: each labelled (a visible label, and an aria-label so a
 * select does not also read its options), styled with JupyterLab's `jp-mod-styled`, keyboard reachable as is.
 */
import { Notification } from '@jupyterlab/apputils';

function labelled<T extends HTMLElement>(
  bar: HTMLElement,
  text: string,
  el: T
): T {
  const label = document.createElement('label');
  el.setAttribute('aria-label', text);
  label.append(text, el);
  bar.append(label);
  return el;
}

export function selectControl(
  bar: HTMLElement,
  text: string,
  options: [string, string][],
  onChange: () => void
): HTMLSelectElement {
  const el = labelled(bar, text, document.createElement('select'));
  el.className = 'jp-mod-styled';
  options.forEach(([value, label]) => el.append(new Option(label, value)));
  el.addEventListener('change', onChange);
  return el;
}

export function textControl(
  bar: HTMLElement,
  text: string,
  className: string,
  placeholder: string,
  onChange: () => void
): HTMLInputElement {
  const el = labelled(bar, text, document.createElement('input'));
  el.className = `jp-mod-styled ${className}`;
  el.placeholder = placeholder;
  el.addEventListener('change', onChange);
  return el;
}

export function checkControl(
  bar: HTMLElement,
  text: string,
  onChange: () => void
): HTMLInputElement {
  const el = labelled(bar, text, document.createElement('input'));
  el.type = 'checkbox';
  el.addEventListener('change', onChange);
  return el;
}

/** A button whose action's failure is shown as a notification (never an unhandled rejection). */
export function actionButton(
  bar: HTMLElement,
  text: string,
  run: () => Promise<void>,
  title?: string
): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'jp-mod-styled';
  el.textContent = text;
  if (title) {
    el.title = title;
  }
  el.addEventListener('click', () =>
    run().catch(error => Notification.error(String(error.message ?? error)))
  );
  bar.append(el);
  return el;
}
