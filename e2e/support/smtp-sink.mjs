// A real SMTP server on loopback (npm smtp-server) that keeps every mail it
// receives, parsed, and hands them to the tests over HTTP:
//   GET /messages?to=ADDRESS  -> [{to, subject, text, headers}]
// Prints {"smtp": PORT, "http": PORT} once both listen.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom?.address,
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          // Raw header values by lower-case name (List-Unsubscribe and friends).
          headers: Object.fromEntries(
            mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
          ),
        });
        callback();
      })
      .catch(callback);
  },
});
await new Promise((resolve) => smtp.listen(Number(process.env.SMTP_PORT ?? 0), '127.0.0.1', resolve));

const api = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const to = url.searchParams.get('to')?.toLowerCase();
  const found = messages.filter((m) => !to || m.to.includes(to));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(found));
});
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));

console.log(JSON.stringify({ smtp: smtp.server.address().port, http: api.address().port }));
process.on('SIGTERM', () => process.exit(0));
