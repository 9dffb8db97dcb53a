/**
 * SMTP settings from the environment: the URL forms accepted, the errors (each naming its
 * variable and never a credential), and masking of credentials in text shown to people.
 */
import {
  maskSecrets,
  MailConfigError,
  parseSingleAddress,
  readSmtpSettings,
} from '../../../audit/mail/smtp-settings';

const FROM = 'RACI Guard <governance@example.org>';

describe('readSmtpSettings', () => {
  it.each([
    {
      env: { SMTP_URL: 'smtp://mail.example.org:25' },
      expected: { host: 'mail.example.org', port: 25, secure: false, auth: undefined },
      server: 'smtp://mail.example.org:25',
    },
    {
      env: { SMTP_URL: 'smtps://u%40x.org:p%3Ass@mail.example.org' },
      expected: { port: 465, secure: true, auth: { user: 'u@x.org', pass: 'p:ss' } },
      server: 'smtps://mail.example.org:465',
    },
    {
      env: { SMTP_URL: 'smtp://mail.example.org?requireTLS=true&rejectUnauthorized=false' },
      expected: { port: 587, requireTLS: true, ignoreTLS: false, rejectUnauthorized: false },
      server: 'smtp://mail.example.org:587',
    },
    {
      env: {
        SMTP_URL: 'smtp://url-user:url-pass@[::1]:2525',
        SMTP_USER: 'env',
        SMTP_PASS: 'envpass',
      },
      expected: { host: '::1', port: 2525, auth: { user: 'env', pass: 'envpass' } },
      server: 'smtp://[::1]:2525',
    },
  ])('reads $env.SMTP_URL', ({ env, expected, server }) => {
    const settings = readSmtpSettings({ ...env, MAIL_FROM: FROM });
    expect(settings).toMatchObject(expected);
    expect(settings.server).toBe(server);
    expect(settings.from).toEqual({ name: 'RACI Guard', address: 'governance@example.org' });
  });

  it.each([
    [{ MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: '  ', MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: 'not a url', MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: 'http://user:hunter22@mail.example.org', MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.org?secure=yes', MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.org?requireTLS=1', MAIL_FROM: FROM }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://h', SMTP_USER: 'only-user', MAIL_FROM: FROM }, 'SMTP_PASS'],
    [{ SMTP_URL: 'smtp://h', SMTP_PASS: 'hunter22', MAIL_FROM: FROM }, 'SMTP_USER'],
    [{ SMTP_URL: 'smtp://h' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://h', MAIL_FROM: 'governance' }, 'MAIL_FROM'],
    [{ SMTP_URL: 'smtp://h', MAIL_FROM: 'a@example.org, b@example.org' }, 'MAIL_FROM'],
  ])('rejects %j, naming %s and no credential', (env, variable) => {
    let thrown: unknown;
    try {
      readSmtpSettings(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MailConfigError);
    expect(thrown).toMatchObject({ variable });
    expect((thrown as Error).message).toContain(variable);
    expect((thrown as Error).message).not.toContain('hunter22');
  });
});

describe('parseSingleAddress', () => {
  it.each([
    ['ada@example.org', { name: '', address: 'ada@example.org' }],
    ['"Lovelace, Ada" <ada@example.org>', { name: 'Lovelace, Ada', address: 'ada@example.org' }],
    ['ada@example', null],
    ['ada@example.org\r\nBcc: x@example.org', null],
    ['ada@example.org; bob@example.org', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(parseSingleAddress(text)).toEqual(expected);
  });
});

describe('maskSecrets', () => {
  it('masks URL user info and each credential of 3 or more characters', () => {
    expect(
      maskSecrets('connect smtp://bob:hunter22@host failed; hunter22 rejected for bob', [
        'hunter22',
        'bob',
      ]),
    ).toBe('connect smtp://***@host failed; *** rejected for ***');
  });

  it('leaves text alone when a secret is too short to mask safely', () => {
    expect(maskSecrets('a mail server answered', ['a'])).toBe('a mail server answered');
  });
});
