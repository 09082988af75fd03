/** What the Activity view calls each kind of job and each pillar's job source (translatable). */
import { TranslationBundle } from '@jupyterlab/translation';
import type { SourceName } from './model';
import type { ActivityKind } from './sources';

export function kindLabel(
  kind: ActivityKind,
  trans: TranslationBundle
): string {
  return {
    tap: trans.__('TAP job'),
    staging: trans.__('Staging'),
    rule: trans.__('Replication rule'),
    upload: trans.__('Data-lake upload'),
    'zooniverse-upload': trans.__('Zooniverse upload'),
    xmatch: trans.__('Cross-match')
  }[kind];
}

export function sourceLabel(
  source: SourceName,
  trans: TranslationBundle
): string {
  return {
    vo: trans.__('TAP jobs'),
    datalake: trans.__('Data-lake staging'),
    uploads: trans.__('Data-lake uploads'),
    zooniverse: trans.__('Zooniverse uploads'),
    xmatch: trans.__('Cross-matches')
  }[source];
}
