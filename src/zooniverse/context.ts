import { TranslationBundle } from '@jupyterlab/translation';
import { IEscapeBasket } from '../basket/tokens';
import { zooniverseAPI } from './api';

/** What the section's views need from the app. */
export interface IZooniverseContext {
  trans: TranslationBundle;
  basket: IEscapeBasket | null;
  insertCode: (code: string) => Promise<void>;
}

/** "Show me the code" for an action: the notebook API snippet, put into the current notebook. */
export async function showCode(
  ctx: IZooniverseContext,
  action: string,
  params: Record<string, string | undefined>
): Promise<void> {
  const clean: Record<string, string> = { action };
  for (const [k, v] of Object.entries(params)) {
    if (v) {
      clean[k] = v;
    }
  }
  const snippets = await zooniverseAPI.snippets(clean);
  await ctx.insertCode(snippets.map(s => `# ${s.title}\n${s.code}`).join('\n'));
}
