/**
 * A short name for an ADQL query, for the tabs, sky layers, plots and basket items its result becomes:
 * "lofar.sources, cone 10.68 +41.27 r 0.5°" says what the rows are; "Sync query" or "SELECT sour…" does not.
 * A reading of the common shapes (tables, TOP, a cone or box, a few conditions), not a parser: anything else
 * falls back to the query's own first words.
 */

const MAX = 60;

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string, max = MAX): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function number(text: string): string {
  const value = Number(text);
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : text;
}

/** The region of a CONTAINS(POINT, CIRCLE/BOX) condition, as "cone ra dec r R°" or "box ra dec w×h°". */
function region(where: string): string | null {
  const circle = where.match(
    /CIRCLE\s*\(\s*(?:'[^']*'\s*,\s*)?([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\)/i
  );
  if (circle) {
    const dec = number(circle[2]);
    return `cone ${number(circle[1])} ${dec.startsWith('-') ? '' : '+'}${dec} r ${number(circle[3])}°`;
  }
  const box = where.match(
    /BOX\s*\(\s*(?:'[^']*'\s*,\s*)?([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\)/i
  );
  if (box) {
    const dec = number(box[2]);
    return `box ${number(box[1])} ${dec.startsWith('-') ? '' : '+'}${dec} ${number(box[3])}×${number(box[4])}°`;
  }
  return null;
}

/** "lofar.sources, cone 10.68 +41.27 r 0.5°", "ivoa.obscore where dataproduct_type = 'image'", "… (top 10)". */
export function querySummary(adql: string): string {
  const text = squeeze(adql.replace(/--[^\n]*/g, ' '));
  const select = text.match(
    /^SELECT\s+(?:ALL\s+|DISTINCT\s+)?(?:TOP\s+(\d+)\s+)?(.+?)\s+FROM\s+(.+?)(?:\s+WHERE\s+(.+?))?(?:\s+(?:GROUP\s+BY|ORDER\s+BY|HAVING)\s+.*)?$/i
  );
  if (!select) {
    return shorten(text) || 'ADQL query';
  }
  const [, top, , from, where] = select;
  // Table names of the FROM clause (joins and comma lists), without aliases.
  const tables = from
    .split(
      /\s*,\s*|\s+(?:NATURAL\s+)?(?:(?:INNER|LEFT|RIGHT|FULL)\s+)?(?:OUTER\s+)?JOIN\s+/i
    )
    .map(part => part.replace(/\s+ON\s+.*$/i, '').split(/\s+/)[0])
    .filter(name => name && !/^\(/.test(name));
  const unique = [...new Set(tables.map(name => name.replace(/"/g, '')))];
  let summary = unique.length > 0 ? unique.join(' ⋈ ') : shorten(from, 30);
  if (where) {
    const area = region(where);
    const rest = squeeze(
      where
        .replace(/1\s*=\s*CONTAINS\s*\(.*?\)\s*\)\s*\)?/i, '')
        .replace(/^\s*AND\s+|\s+AND\s*$/gi, '')
    );
    if (area) {
      summary += `, ${area}`;
    }
    if (rest && (!area || rest.length <= 25)) {
      summary += area ? ` and ${rest}` : ` where ${rest}`;
    }
  }
  if (top) {
    summary += ` (top ${top})`;
  }
  return shorten(summary);
}
