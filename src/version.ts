/**
 * The frontend's version, sent to the server in the handshake.
 *
 * Kept equal to package.json's "version" (which also sets the Python package version through
 * hatch-nodejs-version); src/__tests__/version.spec.ts fails when the two drift apart.
 */
export const FRONTEND_VERSION = '0.1.0';

/** The REST API generation this frontend speaks; the server's handshake reports its own. */
export const API_VERSION = 1;
