// Accounts in a real browser: signing in through a real OpenID provider on
// loopback, a local account with e-mail verification and password reset over
// a real SMTP server, the demo users, and axe-core on every new page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, freePort } from './support/server.mjs';
import { launchBrowser, openContext, assertPageAccessible } from './support/browser.mjs';
import { startNodeService, linkInMail, mailsOnceArrived, mailsTo } from './support/services.mjs';
import { submit } from './support/forms.mjs';

const suite = {};

before(async () => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  suite.oidc = await startNodeService('oidc-provider.mjs', {
    OIDC_CLIENTS: JSON.stringify([
      { client_id: 'allmende', client_secret: 'e2e-secret', redirect_uris: [`${baseUrl}/anmelden/oidc/landsh/rueckruf`] },
    ]),
  });
  suite.mail = await startNodeService('smtp-sink.mjs');
  suite.server = await startServer('accounts', {
    port,
    env: {
      ALLMENDE_PUBLIC_URL: baseUrl,
      ALLMENDE_SMTP_URL: `smtp://127.0.0.1:${suite.mail.ready.smtp}`,
      ALLMENDE_OIDC_PROVIDERS: 'landsh',
      ALLMENDE_OIDC_LANDSH_ISSUER: suite.oidc.ready.issuer,
      ALLMENDE_OIDC_LANDSH_CLIENT_ID: 'allmende',
      ALLMENDE_OIDC_LANDSH_CLIENT_SECRET: 'e2e-secret',
      ALLMENDE_OIDC_LANDSH_NAME: 'Landesportal SH',
    },
  });
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  await suite.server?.stop();
  await suite.oidc?.stop();
  await suite.mail?.stop();
});

const session = (locale, javaScript, extra = {}) =>
  openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript, ...extra });

/** The sign-out button in the page header. */
async function signOut(page, name) {
  await Promise.all([page.waitForNavigation(), page.getByRole('banner').getByRole('button', { name }).click()]);
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;

  test(`a civil servant signs in through the Land's identity provider and signs out (${mode})`, async () => {
    const s = await session('de', javaScript, { alsoAllowed: [suite.oidc.ready.issuer] });
    const page = await s.context.newPage();
    await page.goto('/');
    await Promise.all([page.waitForURL('**/anmelden'), page.getByRole('link', { name: 'Anmelden' }).click()]);
    await assertPageAccessible(s, page, `/anmelden (${mode})`);
    await Promise.all([
      page.waitForURL(`${suite.oidc.ready.issuer}/interaction/**`),
      page.getByRole('button', { name: 'Anmelden mit Landesportal SH' }).click(),
    ]);
    const subject = `anke-${javaScript}`;
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Name').fill('Anke Hansen');
    await page.getByLabel('E-mail', { exact: true }).fill(`anke.${javaScript}@stk.landsh.de`);
    await page.getByLabel('E-mail verified').check();
    await Promise.all([page.waitForURL('**/konto'), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.match(await page.locator('.kern-alert').first().innerText(), /Sie sind angemeldet/);
    assert.match(await page.locator('main').innerText(), /Anmeldung über Landesportal SH/);
    assert.match(await page.locator('header').innerText(), /Anke Hansen/);
    await assertPageAccessible(s, page, `/konto (${mode})`);

    await signOut(page, 'Abmelden');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('main').innerText(), /Sie sind abgemeldet/);
    const account = await page.goto('/konto');
    assert.equal(account.status(), 401);
    await assertPageAccessible(s, page, `/konto signed out (${mode})`);
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  });

  test(`a local account: registration, the mailed link, sign-in, password reset (${mode})`, async () => {
    const s = await session('en', javaScript);
    const page = await s.context.newPage();
    const email = `jan.${javaScript}@luebeck.example`;
    await page.goto('/registrieren');
    await assertPageAccessible(s, page, `/registrieren (${mode})`);

    // A first try with mistakes: each is named at its field, the input stays.
    await page.getByLabel('Name', { exact: true }).fill('Jan Jessen');
    // Both pass the browser's own checks; the server's rules are stricter.
    await page.getByLabel('E-mail address', { exact: true }).fill('jan@luebeck');
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    await submit(page, 'Create account');
    assert.match(await page.locator('[role=alert]').first().innerText(), /Please enter a valid e-mail address/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Jan Jessen');
    await assertPageAccessible(s, page, `/registrieren with errors (${mode})`);

    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByLabel('New password').fill('Trave-Holstentor-1478');
    await page.getByLabel('Repeat the password').fill('Trave-Holstentor-1478');
    await submit(page, 'Create account');
    assert.match(await page.locator('main').innerText(), /please open the link in the e-mail/);

    const verify = await linkInMail(suite.mail, email, '/bestaetigen');
    await page.goto(verify);
    await assertPageAccessible(s, page, `/bestaetigen (${mode})`);
    await submit(page, 'Confirm e-mail address');
    assert.match(await page.locator('main').innerText(), /Your e-mail address is confirmed/);

    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Trave-Holstentor-1478');
    await submit(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.match(await page.locator('header').innerText(), /Jan Jessen/);
    await signOut(page, 'Sign out');

    // Forgotten: a reset link by mail, a new password, signed in with it.
    await page.goto('/anmelden');
    await Promise.all([page.waitForURL('**/passwort-vergessen'), page.getByRole('link', { name: 'Forgot your password?' }).click()]);
    await assertPageAccessible(s, page, `/passwort-vergessen (${mode})`);
    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await submit(page, 'Send link');
    const reset = await linkInMail(suite.mail, email, '/passwort-neu');
    await page.goto(reset);
    await assertPageAccessible(s, page, `/passwort-neu (${mode})`);
    await page.getByLabel('New password').fill('Wakenitz-Kanu-2027');
    await page.getByLabel('Repeat the password').fill('Wakenitz-Kanu-2027');
    await submit(page, 'Save password');
    assert.match(await page.locator('main').innerText(), /Your password has been changed/);
    await page.getByLabel('E-mail address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('Wakenitz-Kanu-2027');
    await submit(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/konto');
    assert.equal((await mailsTo(suite.mail, email)).length, 2, 'one verification and one reset mail');
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  });
}

test('the demo owner manages Kiel: members, an API token shown once, the audit log', async () => {
  const s = await session('de', true);
  const page = await s.context.newPage();
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('olaf.ohlsen@kiel.example');
  await page.getByLabel('Passwort', { exact: true }).fill('Kiel-Eigentum-2026');
  await submit(page, 'Anmelden');
  assert.equal(new URL(page.url()).pathname, '/konto');

  await page.goto('/verwaltungen/kiel/mitglieder');
  assert.match(await page.locator('main').innerText(), /Pia Petersen/);
  await assertPageAccessible(s, page, '/verwaltungen/kiel/mitglieder');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('neu@kiel.example');
  await submit(page, 'Einladung senden');
  assert.match(await page.locator('main').innerText(), /Die Einladung ist verschickt/);
  assert.equal((await mailsOnceArrived(suite.mail, 'neu@kiel.example', 1)).length, 1);

  // The invitation as its recipient first sees it: not signed in yet.
  const invitee = await session('de', false);
  const invitation = await invitee.context.newPage();
  await invitation.goto(await linkInMail(suite.mail, 'neu@kiel.example', '/einladung'));
  assert.match(await invitation.locator('main').innerText(), /Landeshauptstadt Kiel/);
  await assertPageAccessible(invitee, invitation, '/einladung');
  await invitee.context.close();

  // A publisher may not read the owners' audit log: the refusal is a page too.
  const publisher = await session('en', false);
  const refused = await publisher.context.newPage();
  await refused.goto('/anmelden');
  await refused.locator('#login-email').fill('pia.petersen@kiel.example');
  await refused.locator('#login-password').fill('Kiel-Publiziert-2026');
  await submit(refused, 'Sign in');
  const forbidden = await refused.goto('/verwaltungen/kiel/protokoll');
  assert.equal(forbidden.status(), 403);
  await assertPageAccessible(publisher, refused, '/verwaltungen/kiel/protokoll refused');
  assert.deepEqual(publisher.problems, [], publisher.problems.join('\n'));
  await publisher.context.close();

  await page.goto('/verwaltungen/kiel/bearbeiten');
  await assertPageAccessible(s, page, '/verwaltungen/kiel/bearbeiten');
  await page.getByLabel('Kontakt-E-Mail-Adresse').fill('digital@kiel.example');
  await submit(page, 'Speichern');
  assert.equal(new URL(page.url()).pathname, '/verwaltungen/kiel');
  assert.match(await page.locator('main').innerText(), /Die Angaben sind gespeichert[\s\S]*digital@kiel\.example/);
  await page.goto('/verwaltungen/neu');
  await assertPageAccessible(s, page, '/verwaltungen/neu');

  await page.goto('/konto');
  await page.getByLabel('Bezeichnung').fill('GitLab-CI Bürgerportal');
  await page.getByLabel(/Software im Katalog veröffentlichen/).check();
  await submit(page, 'Schlüssel erstellen');
  const token = (await page.locator('#new-token').innerText()).trim();
  assert.match(token, /^alm_[A-Za-z0-9_-]{43}$/);
  await assertPageAccessible(s, page, '/konto with a new token');
  const whoami = await fetch(`${suite.server.baseUrl}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
  assert.deepEqual(await whoami.json(), { user: 'Olaf Ohlsen', organisation: 'kiel', scopes: ['catalog:publish'] });
  await page.reload();
  assert.equal(await page.locator('#new-token').count(), 0, 'the token is shown once');

  await page.goto('/verwaltungen/kiel/protokoll');
  assert.match(await page.locator('main').innerText(), /API-Schlüssel erstellt/);
  await assertPageAccessible(s, page, '/verwaltungen/kiel/protokoll');
  assert.deepEqual(s.problems, [], s.problems.join('\n'));
  await s.context.close();
});

test('the demo administrator verifies organisations and reads the audit log', async () => {
  for (const locale of ['de', 'en']) {
    const s = await session(locale, false);
    const page = await s.context.newPage();
    await page.goto('/anmelden');
    await page.locator('#login-email').fill('admin@allmende.example');
    await page.locator('#login-password').fill('Allmende-Admin-2026');
    await submit(page, locale === 'de' ? 'Anmelden' : 'Sign in');
    await page.goto('/admin');
    await assertPageAccessible(s, page, `/admin (${locale})`);
    await page.goto('/admin/protokoll');
    await assertPageAccessible(s, page, `/admin/protokoll (${locale})`);
    await page.goto('/verwaltungen/luebeck');
    await assertPageAccessible(s, page, `/verwaltungen/luebeck signed in (${locale})`);
    assert.deepEqual(s.problems, [], s.problems.join('\n'));
    await s.context.close();
  }
});
