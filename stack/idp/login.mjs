// The identity provider's own sign-in page: plain HTML, every interpolated value escaped.
import { StringDecoder } from 'node:string_decoder';

const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderLogin({ uid, clientName, username, error, title }) {
  const form = uid
    ? `<form method="post" action="/interaction/${esc(uid)}" autocomplete="off">
  <p>Sign in to continue to <strong>${esc(clientName)}</strong>.</p>
  <label for="username">Username</label>
  <input id="username" name="username" value="${esc(username)}" autofocus required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit">Sign in</button>
</form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title ?? 'ESCAPE IAM (local) sign-in')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: system-ui, sans-serif; background: #f3f5f8; display: grid; place-items: center; min-height: 100vh; margin: 0; }
main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 2px 10px #0002; width: 22rem; }
h1 { font-size: 1.3rem; margin-top: 0; } label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font-size: 1rem; }
button { margin-top: 1.5rem; width: 100%; padding: .6rem; font-size: 1rem; background: #1a5fb4; color: #fff; border: 0; border-radius: 4px; }
.error { color: #a51d2d; background: #fbe9eb; padding: .5rem; border-radius: 4px; }
small { color: #555; }
</style></head>
<body><main>
<h1>ESCAPE IAM <small>(local stack)</small></h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
${form}
</main></body></html>`;
}

export async function readForm(req, limit = 16 * 1024) {
  const decoder = new StringDecoder('utf8');
  let body = '';
  for await (const chunk of req) {
    body += decoder.write(chunk);
    if (body.length > limit) throw new Error('form too large');
  }
  return Object.fromEntries(new URLSearchParams(body + decoder.end()));
}
