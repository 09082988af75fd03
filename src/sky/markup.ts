/**
 * Strings handed to Aladin Lite, escaped. Aladin Lite builds HTML from them: its measurement table sets
 * `innerHTML` from each column name and cell value, puts an `access_url` cell into an unquoted `href`, and
 * writes catalogue and overlay names into its menus. Columns, cells and names come from remote services
 * (a VO table, an ObsCore `s_region`) or a notebook, so each one passes through here first: `<img onerror>`
 * shows as text and runs nothing. (Our own widgets use text nodes and need none of this.)
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;'
};

/** Text safe inside HTML content and quoted attributes; it reads the same once the HTML is parsed. */
export function escapeMarkup(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, c => ENTITIES[c]);
}

/**
 * Text that is also one token: whitespace and `=` as character references too, so it can neither end an
 * unquoted attribute (Aladin's `<a href=...>`) nor split a class list (Aladin adds each column name as a class).
 */
export function escapeToken(value: unknown): string {
  return escapeMarkup(value).replace(/[\s=]/g, c => `&#${c.codePointAt(0)};`);
}

// A URL Aladin may put into `<a href=URL>` as it is: http(s), and nothing that ends an unquoted attribute or
// opens a tag. Such a URL keeps working when clicked (Aladin downloads or displays it from the raw value).
const PLAIN_URL = /^https?:\/\/[^\s<>"'`]+$/i;

/** An `access_url` cell, which Aladin turns into a link: a plain http(s) URL, else escaped as one token. */
function linkCell(value: unknown): string {
  const text = String(value);
  return PLAIN_URL.test(text) ? text : escapeToken(`not a link: ${text}`);
}

/** A row as Aladin may show it: every key a token, every string value escaped; numbers stay numbers. */
export function displayRow(
  row: Record<string, unknown>
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = escapeToken(key);
    if (value === null || value === undefined) {
      out[name] = value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      out[name] = value;
    } else if (key === 'access_url') {
      out[name] = linkCell(value);
    } else {
      out[name] = escapeMarkup(
        typeof value === 'object' ? JSON.stringify(value) : value
      );
    }
  }
  return out;
}
