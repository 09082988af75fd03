// A small persistent adapter for oidc-provider: every model (sessions, grants, refresh tokens, ...) in one JSON file
// (0600), rewritten atomically after each change. The provider's own memory adapter loses every session and refresh
// token when the IdP restarts; a hub user would then have to log in again after an IdP restart, which is not how a
// real IAM behaves. Sized for a test stack (hundreds of entries), not for production.
import fs from 'node:fs';
import path from 'node:path';

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode',
  'BackchannelAuthenticationRequest']);

export function fileStore(file) {
  let entries = {};
  try {
    entries = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    entries = {};
  }
  let pending = null;
  const save = () => {
    if (pending) return;
    pending = setImmediate(() => {
      pending = null;
      const now = Date.now();
      for (const [key, value] of Object.entries(entries)) {
        if (value.expiresAt && value.expiresAt < now) delete entries[key];
      }
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
      fs.renameSync(tmp, file);
    });
  };
  const live = (key) => {
    const value = entries[key];
    if (!value) return undefined;
    if (value.expiresAt && value.expiresAt < Date.now()) {
      delete entries[key];
      return undefined;
    }
    return value;
  };

  return class FileAdapter {
    constructor(model) {
      this.model = model;
    }

    key(id) {
      return `${this.model}:${id}`;
    }

    async upsert(id, payload, expiresIn) {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
      entries[this.key(id)] = { payload, expiresAt };
      if (payload.uid) entries[`sessionUid:${payload.uid}`] = { payload: id, expiresAt };
      if (payload.userCode) entries[`userCode:${payload.userCode}`] = { payload: id, expiresAt };
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const grantKey = `grantMembers:${payload.grantId}`;
        const members = live(grantKey)?.payload ?? [];
        members.push(this.key(id));
        entries[grantKey] = { payload: members, expiresAt: undefined };
      }
      save();
    }

    async find(id) {
      return live(this.key(id))?.payload;
    }

    async findByUid(uid) {
      const id = live(`sessionUid:${uid}`)?.payload;
      return id ? this.find(id) : undefined;
    }

    async findByUserCode(userCode) {
      const id = live(`userCode:${userCode}`)?.payload;
      return id ? this.find(id) : undefined;
    }

    async consume(id) {
      const entry = live(this.key(id));
      if (entry) {
        entry.payload.consumed = Math.floor(Date.now() / 1000);
        save();
      }
    }

    async destroy(id) {
      delete entries[this.key(id)];
      save();
    }

    async revokeByGrantId(grantId) {
      const grantKey = `grantMembers:${grantId}`;
      for (const key of live(grantKey)?.payload ?? []) delete entries[key];
      delete entries[grantKey];
      save();
    }
  };
}

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return path.resolve(dir);
}
