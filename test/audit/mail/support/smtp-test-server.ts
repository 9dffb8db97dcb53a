/**
 * A real SMTP server on 127.0.0.1 (smtp-server) for the delivery tests: it listens on a random
 * port, records every message it accepts with its envelope, and can be told to refuse chosen
 * recipients with a given reply (550 permanent, 451 transient, for the next N attempts or for
 * good), or to demand a username and password. `closedPort()` returns a port nothing listens on,
 * for "server down".
 */
import { createServer } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface Refusal {
  code: number;
  message: string;
  /** How many more RCPT attempts to refuse; Infinity for good. */
  remaining: number;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMessage[];
  /** RCPT TO attempts per recipient address (lower case), refused ones included. */
  rcptAttempts: Map<string, number>;
  refuse(address: string, code: number, times?: number): void;
  accept(address: string): void;
  /** Parses the n-th received message with mailparser. */
  parsed(index: number): Promise<ParsedMail>;
  url(credentials?: { user: string; pass: string }): string;
  close(): Promise<void>;
}

/** Returns a started server; `auth` makes it require those credentials. */
export async function startSmtpServer(
  options: { port?: number; auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const refusals = new Map<string, Refusal>();
  const rcptAttempts = new Map<string, number>();
  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (
        options.auth !== undefined &&
        auth.username === options.auth.user &&
        auth.password === options.auth.pass
      ) {
        callback(null, { user: auth.username });
      } else {
        callback(
          Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
        );
      }
    },
    onRcptTo(address, _session, callback) {
      const key = address.address.toLowerCase();
      rcptAttempts.set(key, (rcptAttempts.get(key) ?? 0) + 1);
      const refusal = refusals.get(key);
      if (refusal !== undefined && refusal.remaining > 0) {
        refusal.remaining -= 1;
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
  return {
    port,
    received,
    rcptAttempts,
    refuse(address, code, times = Infinity) {
      const message =
        code >= 500 ? 'Mailbox unavailable' : 'Mailbox temporarily unavailable, try later';
      refusals.set(address.toLowerCase(), { code, message, remaining: times });
    },
    accept(address) {
      refusals.delete(address.toLowerCase());
    },
    parsed: (index) => simpleParser(received[index].raw),
    url(credentials) {
      const auth =
        credentials === undefined
          ? ''
          : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`;
      return `smtp://${auth}127.0.0.1:${port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Returns a loopback port that nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
