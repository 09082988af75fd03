import * as pkg from '../../package.json';
import { FRONTEND_VERSION } from '../version';

describe('FRONTEND_VERSION', () => {
  it('equals the version in package.json (the handshake compares it with the server)', () => {
    expect(FRONTEND_VERSION).toBe(pkg.version);
  });
});
