// Debian's chromium, headless, driven by playwright-core; axe-core checks pages.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A browser context in one language, with JavaScript on or off, that records
 * console errors and any request to a host other than the server under test
 * (and `alsoAllowed` origins: the test's own identity provider).
 */
export async function openContext(browser, { baseUrl, locale, javaScript, alsoAllowed = [] }) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: locale === 'de' ? 'de-DE' : 'en-GB',
    javaScriptEnabled: javaScript,
  });
  const problems = [];
  const origin = new URL(baseUrl).origin;
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin && !alsoAllowed.includes(url.origin)) {
      problems.push(`third-party request: ${request.url()}`);
    }
  });
  context.on('console', (message) => {
    // The browser reports an error page's own status (404; 401 or 403 for a
    // page that needs signing in or a role; 422 for a form sent back with
    // its errors) as a console error.
    if (message.type() === 'error' && !/status of (401|403|404|422)/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  return { context, problems, locale, javaScript, browser, baseUrl };
}

/**
 * Runs axe-core on what the reader of `session` sees at the page's URL. axe
 * itself needs JavaScript: for a session without it, the page is loaded again
 * in a context where the site's own scripts are blocked, which yields the same
 * server-rendered document.
 */
export async function assertPageAccessible(session, page, label) {
  if (session.javaScript) return assertAccessible(page, label);
  const context = await session.browser.newContext({
    baseURL: session.baseUrl,
    locale: session.locale === 'de' ? 'de-DE' : 'en-GB',
    extraHTTPHeaders: await page.context().cookies().then((cookies) =>
      cookies.length ? { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } : {},
    ),
  });
  await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  const copy = await context.newPage();
  await copy.goto(page.url());
  try {
    await assertAccessible(copy, `${label} (scripts blocked)`);
  } finally {
    await context.close();
  }
}

/** Fails with the list of violations when axe-core finds any (WCAG 2.1 A and AA). */
export async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  // Guards against a check that silently checked nothing.
  assert.ok(results.passes.length >= 10, `axe-core ran only ${results.passes.length} rules on ${label}`);
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe-core violations on ${label}:\n${summary.join('\n')}`);
}
