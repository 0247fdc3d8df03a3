// The helper servers of e2e/support (a real OpenID provider, a real SMTP
// server) as child processes: started, asked for their ports, stopped.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function startNodeService(script, env = {}) {
  const child = spawn(process.execPath, [path.join(here, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 20 s`)), 20_000);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (line) => {
      try {
        const value = JSON.parse(line);
        clearTimeout(timer);
        resolve(value);
      } catch {
        // a warning, not the ready line
      }
    });
  });
  return {
    ready,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** The mails the SMTP sink received for `to`. */
export async function mailsTo(mail, to) {
  const response = await fetch(`http://127.0.0.1:${mail.ready.http}/messages?to=${encodeURIComponent(to)}`);
  return response.json();
}

/**
 * The mails to `to` once there are at least `count` of them, waiting up to
 * 10 s: mail leaves from the job queue after the request has answered.
 */
export async function mailsOnceArrived(mail, to, count) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = await mailsTo(mail, to);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The link to `path` in the latest mail to `to`, waiting up to 10 s for it. */
export async function linkInMail(mail, to, pathPart) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // The newest mail with such a link: mail leaves from the job queue,
    // after the request, so it may take a moment.
    const mails = await mailsTo(mail, to);
    const link = mails
      .toReversed()
      .map((m) => m.text.split(/\s+/).find((word) => word.startsWith('http') && word.includes(pathPart)))
      .find(Boolean);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no ${pathPart} link in a mail to ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
