// The local stack's OpenID Connect provider, playing ESCAPE's IAM for the hub, Rucio and the tests.
// The protocol is oidc-provider's (an OpenID Certified implementation); this file only configures it: accounts,
// clients, scopes, the Rucio resource server, token lifetimes, and the login page.
//
// Environment (see stack/stack.env): ESCAPE_IDP_PORT, ESCAPE_IDP_URL (the issuer), IDP_STATE (folder with
// keys, secrets and the token store), ESCAPE_IDP_ACCESS_TTL (seconds, short so expiry happens in every test run),
// ESCAPE_IDP_REFRESH_TTL, ESCAPE_HUB_URL (for the hub client's redirect URI), ESCAPE_RUCIO_AUDIENCE.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

import { renderLogin, readForm } from './login.mjs';
import { ensureDir, fileStore } from './store.mjs';

// Tests only: ESCAPE_IDP_CLOCK_SKEW (seconds) runs this provider's clock ahead (or behind, negative) of the machine's,
// as a mis-synchronised IdP host would be; the hub's broker must name the skew instead of failing obscurely.
const CLOCK_SKEW = Number(process.env.ESCAPE_IDP_CLOCK_SKEW || '0');
if (CLOCK_SKEW) {
  const machineNow = Date.now;
  Date.now = () => machineNow() + CLOCK_SKEW * 1000;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => process.env[name] || fallback;
const PORT = Number(env('ESCAPE_IDP_PORT', '8093'));
const ISSUER = env('ESCAPE_IDP_URL', `http://127.0.0.1:${PORT}`);
const STATE = ensureDir(env('IDP_STATE', path.join(here, '..', '.state', 'idp')));
const ACCESS_TTL = Number(env('ESCAPE_IDP_ACCESS_TTL', '120'));
const REFRESH_TTL = Number(env('ESCAPE_IDP_REFRESH_TTL', String(7 * 24 * 3600)));
const HUB_URL = env('ESCAPE_HUB_URL', 'http://127.0.0.1:8094');
const RUCIO_AUDIENCE = env('ESCAPE_RUCIO_AUDIENCE', 'rucio');
// The resource indicator (RFC 8707) of the data lake: tokens asked for it are JWTs Rucio can verify by itself.
const RUCIO_RESOURCE = env('ESCAPE_RUCIO_RESOURCE', 'urn:escape:rucio');
// The VO services of the cell that take the same token (a protected TAP service), as a second audience: ESCAPE's IAM
// issues one token for the data lake and the services beside it (WLCG token profile: aud may be a list).
const VO_AUDIENCE = env('ESCAPE_VO_AUDIENCE', 'escape-vo');
// What ESCAPE's IAM grants the data lake: identity, groups, and WLCG storage scopes.
const RUCIO_SCOPES = 'openid profile wlcg wlcg.groups storage.read:/ storage.modify:/ storage.create:/';

const secret = (name) => fs.readFileSync(path.join(STATE, 'secrets', name), 'utf8').trim();

function hashPassword(password, salt) {
  return crypto.scryptSync(password, salt, 32);
}

// Named users and the school (student01..), expanded as stack/idp/users.py does (same uuid5 subjects).
function schoolUsers(spec) {
  if (!spec) return [];
  const ns = Buffer.from('5c3b7d1e0e5a4f2b9d8ce5ca9e000000', 'hex');
  return Array.from({ length: spec.count }, (_, i) => {
    const username = `${spec.prefix}${String(i + 1).padStart(2, '0')}`;
    const digest = crypto.createHash('sha1').update(Buffer.concat([ns, Buffer.from(username)])).digest();
    digest[6] = (digest[6] & 0x0f) | 0x50;
    digest[8] = (digest[8] & 0x3f) | 0x80;
    const hex = digest.subarray(0, 16).toString('hex');
    const sub = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { sub, username, name: `Student ${i + 1}`, email: `${username}@escape.local`, groups: spec.groups };
  });
}
const userFile = JSON.parse(fs.readFileSync(path.join(here, 'users.json'), 'utf8'));
const users = [...userFile.users, ...schoolUsers(userFile.school)].map((u) => {
  const salt = crypto.randomBytes(16);
  return { ...u, salt, hash: hashPassword(secret(`${u.username}.password`), salt) };
});
const bySub = new Map(users.map((u) => [u.sub, u]));

export function checkPassword(username, password) {
  const user = users.find((u) => u.username === username);
  // Hash even for unknown users, so timing does not tell which usernames exist.
  const probe = hashPassword(String(password ?? ''), user?.salt ?? Buffer.alloc(16));
  return user && crypto.timingSafeEqual(probe, user.hash) ? user : null;
}

async function signingKeys() {
  const file = path.join(STATE, 'jwks.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
  const jwks = { keys: [jwk] };
  fs.writeFileSync(file, JSON.stringify(jwks), { mode: 0o600 });
  return jwks;
}

const claimsOf = (user) => ({
  sub: user.sub,
  preferred_username: user.username,
  name: user.name,
  email: user.email,
  email_verified: true,
  groups: user.groups.map((g) => g.replace(/^\//, '')),
  'wlcg.groups': user.groups,
});

const newGrant = (prov, accountId, client) => new prov.Grant({ clientId: client.clientId, accountId });
function grantAll(grant, client) {
  grant.addOIDCScope(client.scope);
  grant.addResourceScope(RUCIO_RESOURCE, RUCIO_SCOPES);
}

const configuration = {
  adapter: fileStore(path.join(STATE, 'store.json')),
  jwks: await signingKeys(),
  cookies: { keys: [secret('cookie.key')] },
  clients: [
    {
      client_id: 'jupyterhub',
      client_name: 'ESCAPE JupyterHub',
      client_secret: secret('jupyterhub.client-secret'),
      redirect_uris: [`${HUB_URL}/hub/oauth_callback`],
      post_logout_redirect_uris: [`${HUB_URL}/hub/login`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: `openid profile email offline_access ${RUCIO_SCOPES}`,
    },
    {
      // Rucio's own client (idpsecrets.json): discovery, key fetching and introspection.
      client_id: 'rucio',
      client_name: 'ESCAPE data lake (Rucio)',
      client_secret: secret('rucio.client-secret'),
      redirect_uris: ['http://127.0.0.1/auth/oidc_token'],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      scope: `openid profile offline_access ${RUCIO_SCOPES}`,
    },
  ],
  scopes: [...new Set(['openid', 'offline_access', 'profile', 'email', ...RUCIO_SCOPES.split(' ')])],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'groups'],
    email: ['email', 'email_verified'],
    'wlcg.groups': ['wlcg.groups'],
  },
  // The hub reads the user from the ID token; it carries the granted claims.
  conformIdTokenClaims: false,
  findAccount: async (_ctx, sub) => {
    const user = bySub.get(sub);
    if (!user) return undefined;
    return { accountId: sub, claims: async () => claimsOf(user) };
  },
  features: {
    devInteractions: { enabled: false },
    introspection: { enabled: true },
    revocation: { enabled: true },
    clientCredentials: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, client, oneOf) => oneOf ?? (client.clientId === 'jupyterhub' ? RUCIO_RESOURCE : undefined),
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resource) => {
        if (resource !== RUCIO_RESOURCE) throw new Provider.errors.InvalidTarget(`unknown resource ${resource}`);
        return { scope: RUCIO_SCOPES, audience: RUCIO_AUDIENCE, accessTokenTTL: ACCESS_TTL, accessTokenFormat: 'jwt' };
      },
    },
  },
  formats: {
    customizers: {
      jwt: async (_ctx, _token, jwt) => {
        if (jwt.payload.aud === RUCIO_AUDIENCE) jwt.payload.aud = [RUCIO_AUDIENCE, VO_AUDIENCE];
      },
    },
  },
  extraTokenClaims: async (_ctx, token) => {
    const user = bySub.get(token.accountId);
    return user ? { 'wlcg.ver': '1.0', 'wlcg.groups': user.groups, preferred_username: user.username } : undefined;
  },
  issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
  // First-party clients: the user is not asked to consent; every scope the client may have is granted.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = newGrant(ctx.oidc.provider, ctx.oidc.session.accountId, ctx.oidc.client);
    grantAll(grant, ctx.oidc.client);
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: {
    AccessToken: ACCESS_TTL,
    IdToken: ACCESS_TTL,
    ClientCredentials: ACCESS_TTL,
    AuthorizationCode: 60,
    Interaction: 600,
    Session: REFRESH_TTL,
    Grant: REFRESH_TTL,
    RefreshToken: REFRESH_TTL,
  },
  // A hub and an IdP on one machine share a clock; elsewhere a few seconds of skew must not break logins.
  clockTolerance: 30,
  pkce: { required: () => false },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = renderLogin({ title: 'Sign-in error', error: `${out.error}: ${out.error_description ?? ''}` });
  },
};

const provider = new Provider(ISSUER, configuration);
provider.proxy = false;

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(details.params.client_id);
    const clientName = client?.clientName ?? details.params.client_id;
    if (details.prompt.name !== 'login') {
      // First-party clients: consent (asked for explicitly with prompt=consent, as offline_access requires) is
      // given for every scope the client may have, without a page.
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : newGrant(provider, details.session.accountId, client);
      grantAll(grant, client);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(renderLogin({ uid: details.uid, clientName }));
      return;
    }
    const form = await readForm(req);
    const user = checkPassword(form.username, form.password);
    if (!user) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(renderLogin({ uid: details.uid, clientName, username: form.username, error: 'Wrong username or password.' }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(renderLogin({ title: 'Sign-in error', error: `${err.name}: ${err.message}` }));
  }
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res);
  } else if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ issuer: ISSUER, users: users.length, access_token_ttl: ACCESS_TTL }));
  } else {
    callback(req, res);
  }
});
server.listen(PORT, '127.0.0.1', () => {
  console.log(`ESCAPE identity provider (oidc-provider) ${ISSUER}, access tokens ${ACCESS_TTL} s`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
