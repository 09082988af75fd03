import { displayRow, escapeMarkup, escapeToken } from '../sky/markup';

const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

/** What a browser makes of `html` as innerHTML: its text, and whether any element was created. */
function parse(html: string): { text: string; elements: number } {
  const div = document.createElement('div');
  div.innerHTML = html;
  return {
    text: div.textContent ?? '',
    elements: div.querySelectorAll('*').length
  };
}

describe('sky markup', () => {
  it('escaped text parses back to itself and creates no element', () => {
    for (const value of [
      PAYLOAD,
      '<svg onload=alert(1)>',
      'a\'b"c`d&e',
      'POLYGON 1 2 3 4'
    ]) {
      expect(parse(escapeMarkup(value))).toEqual({ text: value, elements: 0 });
      expect(parse(escapeToken(value))).toEqual({ text: value, elements: 0 });
    }
  });

  it('tokens cannot end an unquoted attribute or split a class list', () => {
    const token = escapeToken('http://x/a onmouseover=alert(1) b');
    expect(token).not.toMatch(/[\s<>"'`=]/);
    const div = document.createElement('div');
    div.innerHTML = `<a href=${token} target="_blank">x</a>`;
    const a = div.querySelector('a')!;
    expect(a.getAttributeNames().sort()).toEqual(['href', 'target']);
    expect(a.getAttribute('href')).toBe('http://x/a onmouseover=alert(1) b');
  });

  it('rows: keys and strings escaped, numbers kept, only plain http(s) access_url left as a link', () => {
    const row = displayRow({
      [PAYLOAD]: PAYLOAD,
      ra: 10.5,
      flag: true,
      nothing: null,
      access_url: 'javascript:alert(1)',
      nested: ['<b>x</b>']
    });
    expect(row[escapeToken(PAYLOAD)]).toBe(escapeMarkup(PAYLOAD));
    expect(row.ra).toBe(10.5);
    expect(row.flag).toBe(true);
    expect(row.nothing).toBeNull();
    expect(String(row.access_url)).not.toMatch(/^javascript:|[\s<>"'`]/);
    expect(parse(String(row.nested)).elements).toBe(0);
    const plain = 'http://127.0.0.1:8090/getproduct?ID=a&FORMAT=fits';
    expect(displayRow({ access_url: plain }).access_url).toBe(plain);
  });
});
