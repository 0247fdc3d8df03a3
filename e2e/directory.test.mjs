// The directory of administrations end to end: search with a filter form,
// open an administration, with JavaScript on and off; axe-core on each page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './support/suite.mjs';
import { openContext, assertPageAccessible } from './support/browser.mjs';

const suite = serverAndBrowser('directory');

for (const javaScript of [true, false]) {
  for (const locale of ['de', 'en']) {
    const mode = `${locale}, JavaScript ${javaScript ? 'on' : 'off'}`;

    test(`a reader finds an administration and opens its page (${mode})`, async () => {
      const session = await openContext(suite.browser, { baseUrl: suite.server.baseUrl, locale, javaScript });
      const { context, problems } = session;
      const page = await context.newPage();
      await page.goto('/');
      await page.locator('a[href="/verwaltungen"]').first().click();
      await page.waitForURL('**/verwaltungen');
      await assertPageAccessible(session, page, `/verwaltungen (${mode})`);

      // Search by a name typed without its umlaut, limited to one Land.
      await page.getByLabel(locale === 'de' ? 'Name oder Kurzname' : 'Name or short name').fill('lubeck');
      await page.getByLabel(locale === 'de' ? 'Land' : 'Federal state').selectOption('DE-SH');
      await Promise.all([
        page.waitForURL(/\/verwaltungen\?q=lubeck&land=DE-SH/),
        page.getByRole('button', { name: locale === 'de' ? 'Suchen' : 'Search' }).click(),
      ]);
      const rows = page.locator('tbody tr');
      assert.equal(await rows.count(), 1);
      await assertPageAccessible(session, page, `/verwaltungen?q=lubeck (${mode})`);

      await Promise.all([page.waitForURL('**/verwaltungen/luebeck'), rows.first().locator('a').click()]);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Hansestadt Lübeck');
      await page.locator('a[href="/verwaltungen/schleswig-holstein"]').click();
      await page.waitForURL('**/verwaltungen/schleswig-holstein');
      assert.ok(await page.locator('a[href="/verwaltungen/kiel"]').count(), 'the Land lists its members');
      await assertPageAccessible(session, page, `/verwaltungen/schleswig-holstein (${mode})`);

      const missing = await page.goto('/verwaltungen/gibt-es-nicht');
      assert.equal(missing.status(), 404);
      await assertPageAccessible(session, page, `/verwaltungen/gibt-es-nicht (${mode})`);
      assert.deepEqual(problems, [], problems.join('\n'));
      await context.close();
    });
  }
}
