// Working groups in a real browser, JavaScript on and off: Kiel's publisher
// finds the KI group by its topic, founds a group that takes members on
// request and starts a thread; Lübeck's owner asks to join, is admitted,
// answers the first post (the quote above the reply); the chair edits her
// post (its earlier text stays readable), pins and locks the thread, and
// the other side sees the lock; Lübeck flags a post, the chair dismisses the
// flag and hides the reply, which the moderation log shows; a stranger reads
// the public thread and its log and does not find the members-only group. axe-core on every page on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';
import { submit, mainText } from './support/forms.mjs';

const suite = serverAndBrowser('groups');
const CHAIR = { email: 'pia.petersen@kiel.example', password: 'Kiel-Publiziert-2026' };
const JOINER = { email: 'lea.lorenzen@luebeck.example', password: 'Luebeck-Eigentum-2026' };

async function signIn(session, who) {
  const page = await session.context.newPage();
  await page.goto('/anmelden');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await submit(page, 'Anmelden');
  return page;
}

for (const javaScript of [true, false]) {
  const mode = `JavaScript ${javaScript ? 'on' : 'off'}`;
  const name = `Digitale Souveränität ${javaScript ? 'Nord' : 'Ost'}`;
  const slug = javaScript ? 'digitale-souveraenitaet-nord' : 'digitale-souveraenitaet-ost';

  test(`a group is founded, joined on request and discussed (${mode})`, async () => {
    const chair = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const page = await signIn(chair, CHAIR);

    // The directory, by topic.
    await page.goto('/arbeitsgruppen');
    await assertPageAccessible(chair, page, `/arbeitsgruppen (${mode})`);
    await Promise.all([
      page.waitForURL(/\/arbeitsgruppen\?thema=ai$/),
      page.getByRole('link', { name: /^Künstliche Intelligenz \(\d+\)$/ }).click(),
    ]);
    let text = await mainText(page);
    assert.match(text, /KI in der Verwaltung/);
    assert.doesNotMatch(text, /Registermodernisierung Wie Kommunen/, 'the topic filters');
    assert.doesNotMatch(text, /IT-Resilienz und Notfallbetrieb/, 'a members-only group stays hidden');

    // Founding: the founder chairs.
    await page.goto('/arbeitsgruppen/neu');
    await assertPageAccessible(chair, page, `new group form (${mode})`);
    // Too short a name: the server says so at the field and keeps the rest.
    await page.getByLabel('Name', { exact: true }).fill('DS');
    await page.getByLabel('Kurzbeschreibung').fill('Wie die Länder gemeinsam unabhängig von einzelnen Anbietern werden.');
    await submit(page, 'Arbeitsgruppe gründen');
    text = await mainText(page);
    assert.match(text, /Der Name hat 3 bis 120 Zeichen/, 'the refused form says what is wrong');
    assert.equal(await page.getByLabel('Kurzbeschreibung').inputValue(), 'Wie die Länder gemeinsam unabhängig von einzelnen Anbietern werden.');
    await assertPageAccessible(chair, page, `new group form with errors (${mode})`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel(/^Beschreibung/).fill('Wir treffen uns **jeden Monat**.');
    await page.getByLabel('Beitritt').selectOption('request');
    await page.getByLabel('Open Source').check();
    await page.getByLabel('Land').selectOption('DE-SH');
    await submit(page, 'Arbeitsgruppe gründen');
    assert.match(page.url(), new RegExp(`/arbeitsgruppen/${slug}$`));
    text = await mainText(page);
    assert.match(text, /Die Arbeitsgruppe ist gegründet/);
    assert.match(text, /Sie gehören dieser Arbeitsgruppe an \(Leitung\)/);
    assert.match(text, /Wir treffen uns jeden Monat\./);
    assert.match(text, /Beitritt Auf Anfrage/);
    assert.equal(await page.locator('main strong', { hasText: 'jeden Monat' }).count(), 1, 'Markdown is rendered');
    await assertPageAccessible(chair, page, `group page (${mode})`);

    // The first thread.
    await page.getByRole('link', { name: 'Neues Thema' }).click();
    await page.waitForURL(`**/arbeitsgruppen/${slug}/neues-thema`);
    await assertPageAccessible(chair, page, `new thread form (${mode})`);
    await page.getByLabel('Titel').fill('Welche Büro-Software nutzen wir gemeinsam?');
    await page.getByLabel('Text').fill('Schleswig-Holstein stellt auf offene Formate um. Wer ist dabei?');
    await submit(page, 'Thema eröffnen');
    const thread = `/arbeitsgruppen/${slug}/themen/1`;
    assert.match(page.url(), new RegExp(`${thread}$`));
    assert.match(await mainText(page), /Das Thema ist eröffnet/);
    await assertPageAccessible(chair, page, `thread (${mode})`);

    // Lübeck asks to join.
    const joiner = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'de', javaScript });
    const other = await signIn(joiner, JOINER);
    await other.goto(`/arbeitsgruppen/${slug}`);
    assert.match(await mainText(other), /Beitritt anfragen/);
    await assertPageAccessible(joiner, other, `group page, not a member (${mode})`);
    await other.getByLabel('Nachricht an die Leitung').fill('Lübeck stellt ebenfalls um.');
    await submit(other, 'Beitritt anfragen');
    assert.match(await mainText(other), /Ihre Anfrage ist bei der Leitung/);
    assert.match(await mainText(other), /Ihre Beitrittsanfrage liegt der Leitung vor/);

    // The chair admits her.
    await page.goto(`/arbeitsgruppen/${slug}`);
    text = await mainText(page);
    assert.match(text, /Beitrittsanfragen Lea Lorenzen/);
    assert.match(text, /Lübeck stellt ebenfalls um\./);
    await assertPageAccessible(chair, page, `group page with a request (${mode})`);
    await submit(page, 'Lea Lorenzen aufnehmen');
    assert.match(await mainText(page), /Die Person ist aufgenommen/);

    // She answers the first post; the quote shows above her reply.
    await other.goto(thread);
    await Promise.all([
      other.waitForURL(/antwort=1/),
      other.getByRole('link', { name: 'Auf Beitrag 1 von Pia Petersen antworten' }).click(),
    ]);
    assert.match(await mainText(other), /Ihre Antwort bezieht sich auf Beitrag 1\./);
    await other.getByLabel('Text').fill('Lübeck ist dabei, ab *Januar*.');
    await submit(other, 'Antwort senden');
    assert.match(other.url(), new RegExp(`${thread}#beitrag-2$`));
    const reply = other.locator('#beitrag-2');
    const replyText = (await reply.innerText()).replace(/\s+/g, ' ');
    assert.match(replyText, /Lea Lorenzen/);
    assert.match(replyText, /Antwort auf Beitrag 1 von Pia Petersen Schleswig-Holstein stellt auf offene Formate um\./);
    assert.match(replyText, /Lübeck ist dabei, ab Januar\./);
    await assertPageAccessible(joiner, other, `thread with a reply (${mode})`);

    // The chair sees one new post in the thread's row, and where it starts.
    await page.goto(`/arbeitsgruppen/${slug}`);
    assert.match(await page.locator('tbody tr', { hasText: 'Welche Büro-Software' }).innerText(), /2\s+1 neu/);
    await page.goto(thread);
    assert.match(await page.locator('#beitrag-2').innerText(), /Neu seit Ihrem letzten Besuch/);
    await page.goto(`/arbeitsgruppen/${slug}`);
    assert.doesNotMatch(await page.locator('tbody tr', { hasText: 'Welche Büro-Software' }).innerText(), /neu/);

    // The chair is told of the reply, edits her post and locks the thread.
    await page.goto('/benachrichtigungen');
    assert.match(await mainText(page), /Lea Lorenzen hat auf Ihren Beitrag geantwortet: Welche Büro-Software nutzen wir gemeinsam\?/);
    await page.goto(thread);
    await page.locator('#beitrag-1').getByRole('link', { name: 'Bearbeiten' }).click();
    await page.waitForURL(/\/beitraege\/1\/versionen/);
    await page.getByLabel('Text').fill('Schleswig-Holstein stellt bis 2027 auf offene Formate um. Wer ist dabei?');
    await submit(page, 'Änderung speichern');
    assert.match(await mainText(page), /Der Beitrag ist geändert/);
    await page.locator('#beitrag-1').getByRole('link', { name: 'bearbeitet' }).click();
    await page.waitForURL(/\/versionen$/);
    text = await mainText(page);
    assert.match(text, /Frühere Fassungen Ersetzt von Pia Petersen/);
    assert.match(text, /Schleswig-Holstein stellt auf offene Formate um\. Wer ist dabei\?/);
    await assertPageAccessible(chair, page, `versions of a post (${mode})`);
    // Lübeck flags the chair's post; the chair dismisses the flag, then hides
    // the reply with a reason that the moderation log keeps.
    await other.goto(thread);
    await other.getByRole('link', { name: 'Beitrag 1 melden' }).click();
    await other.waitForURL(/\/beitraege\/1\/melden$/);
    await assertPageAccessible(joiner, other, `flag form (${mode})`);
    await other.getByLabel('Grund').selectOption('off_topic');
    await other.getByLabel(/^Hinweis an die Moderation/).fill('Gehört in ein eigenes Thema.');
    await submit(other, 'Melden');
    assert.match(await mainText(other), /Danke, die Moderation prüft den Beitrag/);

    await page.goto(`/arbeitsgruppen/${slug}`);
    await page.getByRole('link', { name: 'Gemeldete Beiträge (1)' }).click();
    await page.waitForURL(/\/pruefen$/);
    text = await mainText(page);
    assert.match(text, /Gehört nicht zum Thema · Lea Lorenzen/);
    assert.match(text, /Gehört in ein eigenes Thema\./);
    await assertPageAccessible(chair, page, `review queue (${mode})`);
    await page.getByRole('link', { name: 'Beitrag 1 moderieren' }).click();
    await page.waitForURL(/\/beitraege\/1\/moderieren$/);
    await assertPageAccessible(chair, page, `moderation of a post (${mode})`);
    await page.getByLabel('Begründung für das Zurückweisen').fill('Passt hierher.');
    await submit(page, 'Meldungen zurückweisen');
    assert.match(await mainText(page), /Die Meldungen sind zurückgewiesen/);

    await page.goto(thread);
    await page.getByRole('link', { name: 'Beitrag 2 moderieren' }).click();
    await page.waitForURL(/\/beitraege\/2\/moderieren$/);
    await page.getByLabel(/^Begründung \(erscheint im Moderationsprotokoll und am Beitrag\)/).fill('Doppelt gepostet');
    await submit(page, 'Ausblenden');
    assert.match(await mainText(page), /Der Beitrag ist ausgeblendet/);
    await page.goto(`/arbeitsgruppen/${slug}/moderationsprotokoll`);
    text = await mainText(page);
    assert.match(text, /Pia Petersen Beitrag ausgeblendet Welche Büro-Software nutzen wir gemeinsam\?, #2 Doppelt gepostet/);
    assert.match(text, /Pia Petersen Meldungen zurückgewiesen Welche Büro-Software nutzen wir gemeinsam\?, #1 Passt hierher\./);
    await assertPageAccessible(chair, page, `moderation log (${mode})`);
    await other.goto(thread);
    const hiddenReply = (await other.locator('#beitrag-2').innerText()).replace(/\s+/g, ' ');
    assert.match(hiddenReply, /Von der Moderation \(Pia Petersen\) ausgeblendet: Doppelt gepostet/);
    assert.doesNotMatch(hiddenReply, /Lübeck ist dabei/);

    await page.goto(thread);
    await submit(page, 'Anheften');
    await submit(page, 'Sperren');
    text = await mainText(page);
    assert.match(text, /Angeheftet/);
    assert.match(text, /Gesperrt/);
    await assertPageAccessible(chair, page, `locked thread, moderator (${mode})`);

    await other.goto(thread);
    assert.match(await mainText(other), /Dieses Thema ist gesperrt/);
    assert.equal(await other.getByRole('button', { name: 'Antwort senden' }).count(), 0);

    // A stranger reads the public thread and finds no members-only group.
    const stranger = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale: 'en', javaScript });
    const outside = await stranger.context.newPage();
    await outside.goto(thread);
    text = await mainText(outside);
    assert.match(text, /Hidden by the moderators \(Pia Petersen\): Doppelt gepostet/);
    assert.doesNotMatch(text, /Lübeck ist dabei/);
    await outside.goto(`/arbeitsgruppen/${slug}/moderationsprotokoll`);
    assert.match(await mainText(outside), /Post hidden/);
    await assertPageAccessible(stranger, outside, `moderation log, public (${mode})`);
    await outside.goto(thread);
    assert.match(text, /This thread is locked: only moderators can post\./);
    await assertPageAccessible(stranger, outside, `thread, public (${mode})`);
    const hidden = await outside.goto('/arbeitsgruppen/it-resilienz-mv');
    assert.equal(hidden.status(), 404);
    assert.doesNotMatch(await mainText(outside), /Resilienz/);
    assert.deepEqual(stranger.problems, [], stranger.problems.join('\n'));
    await stranger.context.close();

    assert.deepEqual(joiner.problems, [], joiner.problems.join('\n'));
    assert.deepEqual(chair.problems, [], chair.problems.join('\n'));
    await joiner.context.close();
    await chair.context.close();
  });
}
