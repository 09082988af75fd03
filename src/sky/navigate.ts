/**
 * Moving a sky view to a target: {ra, dec} or "ra dec" in degrees directly, a name through Sesame (or the
 * offline catalogue, resolver.ts), sexagesimal through Aladin Lite's own parser. The toolbar shows what was asked.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { AladinView } from './aladinView';
import { isObjectName, parseDegrees } from './engine';
import { goToName } from './resolver';
import { SkyToolbar } from './toolbar';
import { SkyTarget } from './tokens';

/** Go to `target` (at `fov` degrees when given); resolves to a note for the user, or null. */
export async function goToTarget(
  view: AladinView,
  toolbar: SkyToolbar,
  trans: TranslationBundle,
  target: SkyTarget,
  fov?: number
): Promise<string | null> {
  if (fov !== undefined && fov > 0) {
    view.aladin.setFoV(fov);
    toolbar.setFov(fov);
  }
  if (typeof target !== 'string') {
    view.goToRaDec(target.ra, target.dec);
    toolbar.showTarget(target.ra, target.dec);
    return null;
  }
  const text = target.trim();
  if (!text) {
    return null;
  }
  toolbar.setTargetText(text);
  const degrees = parseDegrees(text);
  if (degrees) {
    view.goToRaDec(degrees.ra, degrees.dec);
    return null;
  }
  if (isObjectName(text)) {
    return goToName(view.aladin, text, trans);
  }
  await view.goToCoordinates(
    text,
    trans.__(
      'Cannot read "%1" as coordinates: use "ra dec" in degrees or sexagesimal.',
      text
    )
  );
  return null;
}
