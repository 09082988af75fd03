import { catalogueExtent } from '../sky/extent';

describe('catalogueExtent', () => {
  it('centres on a field across RA 0/360 and holds every source', () => {
    const e = catalogueExtent([359.5, 0.5, 359.8, 0.2], [-0.5, 0.5, 0, 0])!;
    expect(Math.min(e.ra, 360 - e.ra)).toBeLessThan(0.01);
    expect(Math.abs(e.dec)).toBeLessThan(0.01);
    expect(e.fov).toBeGreaterThan(2 * 0.7); // the corners are ~0.7 deg from the centre
    expect(e.fov).toBeLessThan(2.5);
  });
  it('zooms to 1 arcmin on a single source, skips non-numeric rows, shows all sky for a full-sky set', () => {
    const one = catalogueExtent([10.68, 'x'], [41.27, null])!;
    expect(one.ra).toBeCloseTo(10.68, 9);
    expect(one.dec).toBeCloseTo(41.27, 9);
    expect(one.fov).toBe(1 / 60);
    expect(
      catalogueExtent([0, 90, 180, 270, 0, 0], [0, 0, 0, 0, 90, -90])!.fov
    ).toBe(180);
    expect(catalogueExtent([], [])).toBeNull();
  });
});
