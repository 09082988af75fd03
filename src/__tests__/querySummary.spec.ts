/**
 * Names of query results (issue 19: tabs, sky layers and basket items were "Sync query" or "SELECT sour…").
 */
import { querySummary } from '../components/querySummary';

describe('querySummary', () => {
  it('names the table and TOP', () => {
    expect(querySummary('SELECT TOP 10 * FROM lofar.sources')).toBe(
      'lofar.sources (top 10)'
    );
  });
  it('reads a cone as centre and radius', () => {
    expect(
      querySummary(
        "SELECT source_id, ra, dec FROM lofar.sources WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.68, 41.27, 0.5))"
      )
    ).toBe('lofar.sources, cone 10.68 +41.27 r 0.5°');
  });
  it('reads a box and keeps a short extra condition', () => {
    expect(
      querySummary(
        "SELECT * FROM hst.catalog WHERE 1=CONTAINS(POINT('ICRS', ra, dec), BOX('ICRS', 202.47, -47.2, 0.2, 0.1)) AND mag < 20"
      )
    ).toBe('hst.catalog, box 202.47 -47.2 0.2×0.1° and mag < 20');
  });
  it('shows plain conditions, joins without aliases, and ignores ORDER BY', () => {
    expect(
      querySummary(
        "SELECT * FROM ivoa.obscore WHERE dataproduct_type = 'image' ORDER BY t_min"
      )
    ).toBe("ivoa.obscore where dataproduct_type = 'image'");
    expect(
      querySummary(
        'SELECT l.id, h.id FROM lofar.sources AS l JOIN hst.catalog AS h ON l.id = h.lid'
      )
    ).toBe('lofar.sources ⋈ hst.catalog');
  });
  it('keeps long names short and falls back to the text for other shapes', () => {
    const long = querySummary(
      `SELECT * FROM t WHERE ${Array.from({ length: 20 }, (_, i) => `c${i} > ${i}`).join(' AND ')}`
    );
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
    expect(querySummary('WITH x AS (SELECT 1) SELECT * FROM x')).toBe(
      'WITH x AS (SELECT 1) SELECT * FROM x'
    );
    expect(querySummary('   ')).toBe('ADQL query');
  });
});
