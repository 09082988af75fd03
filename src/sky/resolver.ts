/**
 * Object names for the sky view: Sesame (CDS) through Aladin Lite when it can be reached, otherwise the
 * catalogue packaged with the server extension (Messier, bright NGC/IC, bright stars, demo fields), and a
 * sentence that says which one answered and why.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import type { IAladin } from 'aladin-lite';
import { resolveOffline } from './api';

/** Sesame answers in well under a second when online; past this we treat it as unreachable. */
export const SESAME_TIMEOUT_MS = 6000;

/** Ask Sesame through Aladin Lite (which moves the view itself); resolves to null on success, else the reason. */
function viaSesame(
  aladin: IAladin,
  name: string,
  trans: TranslationBundle
): Promise<string | null> {
  if (!navigator.onLine) {
    return Promise.resolve(trans.__('the browser is offline'));
  }
  return new Promise(resolve => {
    const timer = window.setTimeout(
      () =>
        resolve(
          trans.__('no answer within %1 s', String(SESAME_TIMEOUT_MS / 1000))
        ),
      SESAME_TIMEOUT_MS
    );
    aladin.gotoObject(name, {
      success: () => {
        window.clearTimeout(timer);
        resolve(null);
      },
      error: () => {
        window.clearTimeout(timer);
        resolve(trans.__('it cannot be reached or does not know the name'));
      }
    });
  });
}

/**
 * Move `aladin` to the object `name`. Resolves to a note to show the user when the offline catalogue
 * answered (null when Sesame did); rejects with a sentence naming both causes when neither knows the name.
 */
export async function goToName(
  aladin: IAladin,
  name: string,
  trans: TranslationBundle
): Promise<string | null> {
  const sesameProblem = await viaSesame(aladin, name, trans);
  if (sesameProblem === null) {
    return null;
  }
  let found;
  try {
    found = await resolveOffline(name);
  } catch (error) {
    throw new Error(
      trans.__(
        'Cannot resolve "%1": the name resolver Sesame (CDS) failed (%2), and the offline catalogue answered: %3. Enter coordinates instead, e.g. "202.47 47.195" or "13h29m52.7s +47d11m43s".',
        name,
        sesameProblem,
        (error as Error).message ?? String(error)
      )
    );
  }
  aladin.gotoRaDec(found.ra, found.dec);
  return trans.__(
    'Sesame (CDS) failed (%1): "%2" is %3 at RA %4°, Dec %5° from the offline catalogue (%6).',
    sesameProblem,
    name,
    found.name,
    found.ra.toFixed(4),
    found.dec.toFixed(4),
    found.source
  );
}
