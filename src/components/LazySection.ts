/**
 * A sidebar section whose view is loaded the first time the section is shown (the sidebar opened with the
 * section expanded, or the section expanded later), so a pillar's section code is not in the eagerly loaded
 * bundle. The section's heading (label, caption) and its place in the sidebar (rank, collapsed state) are set
 * at once, as for any section; only the body waits.
 *
 *   sidebar.addSection(
 *     new LazySection({ label: trans.__('SAMP'), load: async () => new (await import('./SampSection')).SampSection(model) }),
 *     { rank: 101 }
 *   );
 */
import { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';

export class LazySection extends Panel {
  constructor(options: LazySection.IOptions) {
    super();
    this.addClass('jp-escape-LazySection');
    this.title.label = options.label;
    this.title.caption = options.caption ?? '';
    this._load = options.load;
    this._failure = options.failure;
  }

  /** The view once it is built (after the first show), else null. */
  get view(): Widget | null {
    return this._view;
  }

  /** Resolves with the view, loading it now if it was not yet (for code that needs it before the first show). */
  mount(): Promise<Widget> {
    this._mounting ??= this._load().then(
      view => {
        if (!this.isDisposed) {
          this._view = view;
          // Added hidden then shown, so the view gets its after-show like a section shown by the sidebar
          // (views start their polling there).
          view.hide();
          this.addWidget(view);
          view.show();
        }
        return view;
      },
      (error: unknown) => {
        const message = document.createElement('p');
        message.className = 'jp-escape-LazySection-error';
        message.textContent = this._failure(String(error));
        this.node.appendChild(message);
        throw error;
      }
    );
    return this._mounting;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.isVisible) {
      void this.mount().catch(() => undefined);
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.mount().catch(() => undefined);
  }

  private _load: () => Promise<Widget>;
  private _failure: (error: string) => string;
  private _mounting: Promise<Widget> | null = null;
  private _view: Widget | null = null;
}

export namespace LazySection {
  export interface IOptions {
    /** The section heading, shown before the view is loaded. */
    label: string;
    caption?: string;
    /** Builds the view, typically after `await import('./TheSection')`; called once. */
    load: () => Promise<Widget>;
    /** The text shown in the section when `load` fails, given the error. */
    failure: (error: string) => string;
  }
}
