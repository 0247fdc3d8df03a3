// One server and one browser per test file, started before its tests and
// stopped after them.
import { before, after } from 'node:test';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export function serverAndBrowser(name) {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await startServer(name);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
