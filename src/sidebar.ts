/**
 * The ESCAPE sidebar: a header for server-extension problems (handshake) and an accordion of sections
 * that plugins add with `IEscapeSidebar.addSection(widget, { rank })`.
 */
import { ITranslator } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import { ArrayExt } from '@lumino/algorithm';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import { AccordionPanel, SplitPanel, Widget } from '@lumino/widgets';
import { HandshakeBanner } from './components/HandshakeBanner';
import { escapeIcon } from './icons';
import { IEscapeModel, IEscapeSidebar, ISectionOptions } from './tokens';

/** Rank given to sections added without one: after the built-in ones. */
const DEFAULT_RANK = 500;

/**
 * Width the sidebar takes the first time it is shown, when the left area is narrower. JupyterLab's default
 * (about 250 px) cuts service, scope and record names; the user can still drag the edge either way.
 */
export const PREFERRED_WIDTH = 360;

export class EscapeSidebar extends SidePanel implements IEscapeSidebar {
  constructor(options: EscapeSidebar.IOptions) {
    super({ translator: options.translator });
    const trans = options.translator.load('jupyter_escape');
    this.id = 'jp-escape-sidebar';
    this.addClass('jp-escape-Sidebar');
    this.title.icon = escapeIcon;
    this.title.caption = trans.__('ESCAPE research environment');
    this._opener = options.opener;

    const heading = new Widget({ node: document.createElement('h2') });
    heading.node.textContent = trans.__('ESCAPE');
    heading.addClass('jp-escape-Sidebar-title');
    this.header.addWidget(heading);
    const banner = new HandshakeBanner({
      model: options.model,
      translator: options.translator
    });
    this.header.addWidget(banner);
    this.header.addClass('jp-escape-Sidebar-header');
  }

  addSection(widget: Widget, options: ISectionOptions = {}): IDisposable {
    const rank = options.rank ?? DEFAULT_RANK;
    widget.addClass('jp-escape-Section');
    // Sections are kept sorted by rank; equal ranks keep insertion order.
    const index = ArrayExt.upperBound(
      this._ranks,
      rank,
      (a: number, b: number) => a - b
    );
    ArrayExt.insert(this._ranks, index, rank);
    this.insertWidget(index, widget);
    this._orderNodes();
    if (options.collapsed) {
      this._accordion?.collapse(index);
    }
    return new DisposableDelegate(() => {
      const at = ArrayExt.firstIndexOf(this.widgets as Widget[], widget);
      if (at >= 0) {
        ArrayExt.removeAt(this._ranks, at);
        widget.parent = null;
      }
    });
  }

  addToolbarItem(name: string, item: Widget): void {
    this.toolbar.addItem(name, item);
  }

  reveal(widget?: Widget): void {
    this._opener(this.id);
    if (!widget) {
      return;
    }
    const index = ArrayExt.firstIndexOf(this.widgets as Widget[], widget);
    if (index >= 0 && !widget.isVisible) {
      this._accordion?.expand(index);
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._widened) {
      this._widened = true;
      // After layout: the split panel has its sizes only once the area is visible.
      requestAnimationFrame(() => widenArea(this, PREFERRED_WIDTH));
    }
  }

  /**
   * Put each section's title and body in the DOM in rank order. Lumino appends them in the order plugins
   * load and places them with inline styles; the sidebar's flowing layout (style/base.css) and the keyboard's
   * tab order both follow the DOM, so without this the sections would read in load order, not rank order.
   */
  private _orderNodes(): void {
    const accordion = this._accordion;
    if (!accordion) {
      return;
    }
    const host = accordion.node;
    accordion.widgets.forEach((section, i) => {
      const title = accordion.titles[i];
      if (title) {
        host.appendChild(title);
      }
      host.appendChild(section.node);
    });
  }

  private get _accordion(): AccordionPanel | null {
    return this.content instanceof AccordionPanel ? this.content : null;
  }

  private _widened = false;
  private _ranks: number[] = [];
  private _opener: (id: string) => void;
}

/** Give the side area holding `widget` at least `width` pixels, taken from the main area beside it. */
function widenArea(widget: Widget, width: number): void {
  let child: Widget = widget;
  let split = widget.parent;
  while (split && !(split instanceof SplitPanel)) {
    child = split;
    split = split.parent;
  }
  if (!split) {
    return;
  }
  const index = split.widgets.indexOf(child);
  const total = split.node.offsetWidth;
  const current = child.node.offsetWidth;
  if (index < 0 || total <= 0 || current >= width || total < width * 2.5) {
    return; // already wide enough, or the window too narrow to give more
  }
  const sizes = split.relativeSizes().map(size => size * total);
  // The neighbour towards the main area (the largest) gives the room.
  const largest = sizes.indexOf(Math.max(...sizes));
  sizes[largest] -= width - sizes[index];
  sizes[index] = width;
  split.setRelativeSizes(sizes.map(size => size / total));
}

export namespace EscapeSidebar {
  export interface IOptions {
    model: IEscapeModel;
    translator: ITranslator;
    /** Activates a widget in the shell by id (the app's `shell.activateById`). */
    opener: (id: string) => void;
  }
}
