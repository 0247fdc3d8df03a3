// Notifications in a real browser, JavaScript on and off: an owner opts in to
// a daily digest, sees the header's badge count change when a join request
// arrives, opens the notifications page and marks them read; the digest
// reaches a real SMTP server with a one-click unsubscribe that works; axe-core
// on every new page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from './support/server.mjs';
import { launchBrowser, openContext, assertPageAccessible } from './support/browser.mjs';
import { startNodeService, mailsTo } from './support/services.mjs';
import { submit } from './support/forms.mjs';

const suite = {};
const OWNER = { email: 'olaf.ohlsen@kiel.example', password: 'Kiel-Eigentum-2026' };
// One asking person per mode, so that each run's request is a new one.
const ASKING = {
  true: { email: 'mira.moeller@im-mv.example', password: 'Schwerin-Mitglied-2026', name: 'Mira Möller' },
  false: { email: 'admin@allmende.example', password: 'Allmende-Admin-2026', name: 'Ada Admin' },
};

before(async () => {
  suite.mail = await startNodeService('smtp-sink.mjs');
  suite.server = await startServer('notifications', {
    env: { ALLMENDE_SMTP_URL: `smtp://127.0.0.1:${suite.mail.ready.smtp}` },
  });
  suite.browser = await launchBrowser();
});

after(async () => {
  await suite.browser?.close();
  await suite.server?.stop();
  await suite.mail?.stop();
});

async function signIn(page, who) {
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await submit(page, 'Anmelden');
}

/** The header's link to the notifications, as a screen reader reads it. */
async function headerLink(page) {
  return (await page.getByRole('banner').locator('a[href="/benachrichtigungen"]').innerText()).replace(/\s+/g, ' ');
}

/** Waits up to 10 s for a digest mail to `to` beyond the first `seen`. */
async function nextDigest(to, seen) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const digests = (await mailsTo(suite.mail, to)).filter((m) => m.subject.includes('Zusammenfassung'));
    if (digests.length > seen) return digests.at(-1);
    if (Date.now() > deadline) throw new Error(`no new digest to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;

  test(`an owner is told of a join request on the site and in the daily digest (${mode})`, async () => {
    const owner = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await owner.context.newPage();
    await signIn(page, OWNER);
    await page.goto('/benachrichtigungen');
    await assertPageAccessible(owner, page, `/benachrichtigungen (${mode})`);
    // Opt in to the digest for join requests.
    await page.getByLabel('Beitrittsanfragen (an Eigentümerinnen und Eigentümer)').selectOption('daily');
    await submit(page, 'Speichern');
    assert.match(await page.locator('.kern-alert').first().innerText(), /E-Mail-Einstellungen sind gespeichert/);
    const before = await headerLink(page);
    assert.doesNotMatch(before, /ungelesen/, before);
    const digestsBefore = (await mailsTo(suite.mail, OWNER.email)).filter((m) => m.subject.includes('Zusammenfassung')).length;

    // Someone asks to join Kiel, in another browser.
    const asking = ASKING[javaScript];
    const other = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const otherPage = await other.context.newPage();
    await signIn(otherPage, asking);
    await otherPage.goto('/verwaltungen/kiel');
    await otherPage.getByLabel(/Nachricht/).fill('Wir möchten das Fundbüro nachnutzen.');
    await submit(otherPage, 'Beitritt beantragen');
    await other.context.close();

    // The owner's badge counts it on the next page.
    await page.goto('/');
    const after = await headerLink(page);
    assert.match(after, /Benachrichtigungen\s*1 \(1 ungelesen\)/, after);

    // The digest goes at its slot; an operator (and this test) can bring it forward.
    execFileSync(process.env.ALLMENDE_BIN, ['notifications', 'send-digests'], {
      env: { ...process.env, DATABASE_URL: suite.server.databaseUrl, ALLMENDE_LOG: 'warn' },
    });
    const text = `${asking.name} möchte Landeshauptstadt Kiel beitreten.`;
    const mail = await nextDigest(OWNER.email, digestsBefore);
    assert.match(mail.subject, /Ihre tägliche Zusammenfassung \(1\)/);
    assert.ok(mail.text.includes(text), mail.text);
    assert.equal(mail.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
    const link = mail.headers['list-unsubscribe'].replace(/^<|>$/g, '');
    assert.ok(mail.text.includes(link), 'the unsubscribe link is in the text too');

    await Promise.all([
      page.waitForURL('**/benachrichtigungen'),
      page.getByRole('banner').locator('a[href="/benachrichtigungen"]').click(),
    ]);
    assert.ok((await page.locator('main').innerText()).includes(text));
    await assertPageAccessible(owner, page, `/benachrichtigungen with one unread (${mode})`);
    await submit(page, `Als gelesen markieren: ${text}`);
    assert.match(await page.locator('.kern-alert').first().innerText(), /Als gelesen markiert/);
    assert.doesNotMatch(await headerLink(page), /ungelesen/);
    assert.match(await page.locator('main').innerText(), /Keine ungelesenen Benachrichtigungen/);

    // The link in the mail: a page that asks, then the button unsubscribes.
    await page.goto(link);
    await assertPageAccessible(owner, page, `/benachrichtigungen/abbestellen (${mode})`);
    await submit(page, 'Abbestellen');
    assert.equal(new URL(page.url()).pathname, '/benachrichtigungen/abbestellt');
    assert.match(await page.locator('main').innerText(), /Sie erhalten diese E-Mails nicht mehr/);
    await assertPageAccessible(owner, page, `/benachrichtigungen/abbestellt (${mode})`);
    await page.goto('/benachrichtigungen');
    assert.equal(
      await page.getByLabel('Beitrittsanfragen (an Eigentümerinnen und Eigentümer)').inputValue(),
      'none',
    );
    assert.deepEqual(owner.problems, [], owner.problems.join('\n'));
    await owner.context.close();
  });
}
