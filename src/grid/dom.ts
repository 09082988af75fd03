/** Small DOM helpers of the results grid (built without React: it is a Lumino widget). */
import { IColumnMeta } from './arrowModel';

/** An element with attributes and text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** The tooltip text of a column: name, type, unit, UCD, description. */
export function columnTooltip(meta: IColumnMeta): string {
  return [
    meta.name,
    `type: ${meta.type}`,
    meta.unit ? `unit: ${meta.unit}` : '',
    meta.ucd ? `UCD: ${meta.ucd}` : '',
    meta.utype ? `utype: ${meta.utype}` : '',
    meta.description ?? '',
    meta.warnings
      ? `${meta.warnings} cell(s) were not a valid value and are shown empty`
      : ''
  ]
    .filter(Boolean)
    .join('\n');
}

/** The accessible twin of the header tooltips: a table of the columns' name, type, unit, UCD, description. */
export function columnInfoTable(
  columns: readonly IColumnMeta[],
  trans: { __: (text: string) => string }
): HTMLElement {
  const table = el('table', { class: 'jp-escape-ColumnTable' });
  const caption = el('caption', {}, trans.__('Columns of this result'));
  const head = el('tr');
  for (const h of [
    trans.__('Name'),
    trans.__('Type'),
    trans.__('Unit'),
    trans.__('UCD'),
    trans.__('Description')
  ]) {
    head.appendChild(el('th', { scope: 'col' }, h));
  }
  const thead = el('thead');
  thead.appendChild(head);
  const tbody = el('tbody');
  for (const c of columns) {
    const tr = el('tr');
    tr.append(
      el('th', { scope: 'row' }, c.name),
      el('td', {}, c.type),
      el('td', {}, c.unit ?? ''),
      el('td', {}, c.ucd ?? ''),
      el('td', {}, c.description ?? '')
    );
    tbody.appendChild(tr);
  }
  table.append(caption, thead, tbody);
  return table;
}
