import { pythonAPISnippet } from '../vo/snippets';
import { positionColumns } from '../vo/skyLink';

describe('pythonAPISnippet', () => {
  it('writes values as Python literals, never raw text', () => {
    const code = pythonAPISnippet({
      kind: 'tap',
      url: 'http://x/tap',
      query: "SELECT * FROM t WHERE name = 'a\"b'\n",
      maxrec: 10,
      mode: 'sync'
    });
    expect(code).toContain('from jupyter_escape import vo');
    expect(code).toContain(
      'vo.query("http://x/tap", "SELECT * FROM t WHERE name = \'a\\"b\'\\n", maxrec=10)'
    );
  });

  it('uses submit for async and the DAL functions for cone search', () => {
    expect(
      pythonAPISnippet({ kind: 'tap', url: 'u', query: 'q', mode: 'async' })
    ).toContain('job = vo.submit("u", "q")');
    expect(
      pythonAPISnippet({
        kind: 'scs',
        url: 'u',
        params: { ra: 1.5, dec: -2, radius: 0.1 }
      })
    ).toContain('vo.cone_search("u", ra=1.5, dec=-2, radius=0.1)');
  });
});

describe('positionColumns', () => {
  it('prefers the main RA/Dec by UCD, then usual names', () => {
    expect(
      positionColumns([
        { name: 'ra_err', ucd: 'stat.error;pos.eq.ra', numeric: true },
        { name: 'alpha', ucd: 'pos.eq.ra;meta.main', numeric: true },
        { name: 'delta', ucd: 'pos.eq.dec;meta.main', numeric: true },
        { name: 's_region', ucd: null, numeric: false }
      ])
    ).toEqual({ ra: 'alpha', dec: 'delta', region: 's_region' });
    expect(
      positionColumns([
        { name: 'RAJ2000', ucd: null, numeric: true },
        { name: 'DEJ2000', ucd: null, numeric: true }
      ])
    ).toEqual({ ra: 'RAJ2000', dec: 'DEJ2000', region: undefined });
    expect(
      positionColumns([{ name: 'x', ucd: null, numeric: true }])
    ).toBeNull();
  });
});
