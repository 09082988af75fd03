import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { LazySection } from '../components/LazySection';

/** A view that counts its after-show messages (sections start polling there). */
class CountingView extends Widget {
  shows = 0;
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.shows++;
  }
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('LazySection', () => {
  it('has its heading at once and builds its view only when first shown, once', async () => {
    const view = new CountingView();
    const load = jest.fn(async () => view);
    const section = new LazySection({
      label: 'SAMP',
      caption: 'desktop tools',
      load,
      failure: error => `failed: ${error}`
    });
    expect(section.title.label).toBe('SAMP');
    expect(section.title.caption).toBe('desktop tools');

    section.hide();
    Widget.attach(section, document.body);
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(section.view).toBeNull();

    section.show();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(section.view).toBe(view);
    expect(view.node.parentElement).toBe(section.node);
    expect(view.shows).toBe(1);

    section.hide();
    section.show();
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(view.shows).toBe(2);
    Widget.detach(section);
  });

  it('loads at once when attached visible', async () => {
    const view = new CountingView();
    const section = new LazySection({
      label: 'Basket',
      load: async () => view,
      failure: error => `failed: ${error}`
    });
    Widget.attach(section, document.body);
    await settle();
    expect(section.view).toBe(view);
    expect(view.shows).toBe(1);
    Widget.detach(section);
  });

  it('says in the section why the view could not be loaded', async () => {
    const section = new LazySection({
      label: 'OSSR',
      load: () => Promise.reject(new Error('chunk 42 missing')),
      failure: error => `Could not load: ${error}`
    });
    Widget.attach(section, document.body);
    await settle();
    expect(section.view).toBeNull();
    expect(section.node.textContent).toBe(
      'Could not load: Error: chunk 42 missing'
    );
    Widget.detach(section);
  });
});
