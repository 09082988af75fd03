/** How each kind of basket item is named and used (pure: tested in __tests__/basket.spec.ts). */
import type { TranslationBundle } from '@jupyterlab/translation';
import { py, pyComment } from '../common/snippets';
import { BasketKind, IBasketItem } from './tokens';

export function kindLabel(kind: BasketKind, trans: TranslationBundle): string {
  switch (kind) {
    case 'vo_service':
      return trans.__('VO service');
    case 'vo_query':
      return trans.__('Query and result');
    case 'vo_rows':
      return trans.__('Selected rows');
    case 'datalink_product':
      return trans.__('DataLink product');
    case 'datalake_did':
      return trans.__('Data lake DID');
    case 'ossr_record':
      return trans.__('OSSR record');
    case 'workspace_file':
      return trans.__('Workspace file');
    case 'hats_catalog':
      return trans.__('HATS catalogue');
    default:
      return String(kind);
  }
}

const TABULAR_SUFFIX =
  /\.(parquet|fits|fit|fits\.gz|vot|votable|xml|csv|ecsv|arrow|feather)$/i;

/** Can the item become a table (grid, workspace database, cross-match input)? */
export function isTabular(item: IBasketItem): boolean {
  switch (item.kind) {
    case 'vo_query':
    case 'vo_rows':
    case 'hats_catalog': // a cross-match input (LSDB); read whole only when small
      return true;
    case 'workspace_file':
      return TABULAR_SUFFIX.test(String(item.payload.path ?? ''));
    case 'datalink_product':
      return /votable|fits|csv|parquet|x-votable/i.test(
        String(item.payload.content_type ?? '')
      );
    default:
      return false;
  }
}

/** Does the item stand for files (data lake, DataLink, workspace, OSSR download)? */
export function hasPaths(item: IBasketItem): boolean {
  return [
    'datalink_product',
    'datalake_did',
    'workspace_file',
    'ossr_record',
    'hats_catalog'
  ].includes(item.kind);
}

/** A Python string literal (the shared snippet builder's). */
export const pyString = (value: string): string => py(value);

/** "Show me the code" for one item: the notebook API (`from jupyter_escape import basket`). */
export function itemSnippet(item: IBasketItem): string {
  const name = item.kind === 'vo_service' ? 'service' : 'item';
  const lines = [
    'from jupyter_escape import basket',
    '',
    `${name} = basket.get(${pyString(item.id)})  ${pyComment(item.title)}`
  ];
  if (isTabular(item)) {
    lines.push(
      'table = item.to_table()  # astropy Table with units and UCDs; .to_pandas(), .to_arrow()'
    );
    const target = String(item.extra?.table ?? tableNameFor(item));
    lines.push(
      `# item.materialise(${pyString(target)})  # into the workspace database`
    );
    if (hasPaths(item)) {
      lines.push('# item.paths()  # the local file(s)');
    }
    lines.push('table');
  } else if (hasPaths(item)) {
    lines.push(
      'paths = item.paths()  # local files (downloaded or staged on first use)'
    );
    lines.push('paths');
  } else {
    lines.push(`${name}.payload`);
  }
  return lines.join('\n');
}

/** "Show me the code" of an item's provenance. */
export function provenanceSnippet(item: IBasketItem): string {
  return [
    'from jupyter_escape import basket',
    '',
    `prov = basket.get(${py(item.id)}).provenance()  # PROV-JSON (dict)`,
    'prov'
  ].join('\n');
}

/** A default workspace table name for an item: the server's slug rule (lowercase, [a-z0-9_]). */
export function tableNameFor(item: IBasketItem): string {
  if (item.extra?.table) {
    return String(item.extra.table);
  }
  // the server's rule (workspace.slug): [a-z0-9_], 40 characters, starting with a letter
  const slug = item.title
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return /^[a-z]/.test(slug) ? slug : `t_${slug}`.replace(/_+$/, '');
}

/** Code of a cross-match with the notebook API. */
export function crossmatchSnippet(options: {
  left: string | { path: string };
  right: string | { path: string };
  radius: number;
  find: string;
  join: string;
  table?: string;
  path?: string;
  engine?: string;
}): string {
  const hasPath =
    typeof options.left !== 'string' || typeof options.right !== 'string';
  const ref = (r: string | { path: string }) =>
    typeof r === 'string' ? pyString(r) : `Path(${pyString(r.path)})`;
  const args = [
    `    ${ref(options.left)},`,
    `    ${ref(options.right)},`,
    `    radius_arcsec=${py(options.radius)},`,
    `    find=${pyString(options.find)},`,
    `    join=${pyString(options.join)},`
  ];
  if (options.table) {
    args.push(`    table_name=${pyString(options.table)},`);
  }
  if (options.path) {
    args.push(`    path=${pyString(options.path)},`);
  }
  if (options.engine && options.engine !== 'auto') {
    // jupyter_escape.scale runs either engine and also takes HATS catalogues
    args.push(`    engine=${pyString(options.engine)},`);
    return [
      ...(hasPath ? ['from pathlib import Path', ''] : []),
      'from jupyter_escape import scale',
      '',
      '# inputs: basket item ids (HATS catalogues too), workspace tables or files',
      'result = scale.crossmatch(',
      ...args,
      ')',
      'result'
    ].join('\n');
  }
  return [
    ...(hasPath ? ['from pathlib import Path', ''] : []),
    'from jupyter_escape import basket',
    '',
    '# inputs: basket item ids, workspace tables or files',
    'result = basket.crossmatch(',
    ...args,
    ')',
    'print(result.n_matches, "matches")',
    'result.table'
  ].join('\n');
}

/** Code of a SQL query on the workspace database. */
export function sqlSnippet(sql: string): string {
  return [
    'from jupyter_escape import basket',
    '',
    `df = basket.sql(${py(sql)})  # pandas; as_="arrow" or "astropy"`,
    'df'
  ].join('\n');
}
