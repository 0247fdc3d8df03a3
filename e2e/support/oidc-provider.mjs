// A real OpenID Connect provider (npm oidc-provider) on loopback, for the
// tests: authorization code flow with PKCE, signed ID tokens, published keys.
// Its login page lets the test choose who signs in (subject, name, e-mail and
// whether the address is verified); consent is granted automatically.
//
//   OIDC_CLIENTS='[{"client_id":"allmende","client_secret":"…","redirect_uris":["…"]}]' \
//   node e2e/support/oidc-provider.mjs          # prints {"issuer": "http://127.0.0.1:PORT"}
import http from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]').map((c) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  ...c,
}));
const accounts = new Map();

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.OIDC_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  pkce: { required: () => true, methods: ['S256'] },
  features: { devInteractions: { enabled: false } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The e-mail claims go into the ID token itself, where Allmende reads them.
  conformIdTokenClaims: false,
  cookies: { keys: ['allmende-test-only-cookie-key'] },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, ...(accounts.get(sub) ?? {}) }),
  }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

const callback = provider.callback();
server.on('request', async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(`<!DOCTYPE html><html lang="en"><head><title>Test provider login</title></head><body>
<main><h1>Test provider</h1><p>Client: ${escape(details.params.client_id)}</p>
<form method="post" action="/interaction/${escape(details.uid)}">
<label for="login">Subject</label> <input id="login" name="login" required>
<label for="name">Name</label> <input id="name" name="name">
<label for="email">E-mail</label> <input id="email" name="email" type="email">
<input id="email_verified" name="email_verified" type="checkbox" value="true"> <label for="email_verified">E-mail verified</label>
<button type="submit">Sign in</button></form></main></body></html>`);
    }
    const form = await readForm(req);
    accounts.set(form.login, {
      name: form.name || undefined,
      email: form.email || undefined,
      email_verified: form.email_verified === 'true',
    });
    await provider.interactionFinished(req, res, { login: { accountId: form.login } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.statusCode = 400;
    res.end(String(error));
  }
});

console.log(JSON.stringify({ issuer }));
process.on('SIGTERM', () => process.exit(0));
