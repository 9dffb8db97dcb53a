/** Permanent or transient: how SMTP replies and socket errors are sorted, and masked. */
import { classifySmtpError, isConnectionFailure } from '../../../audit/mail/smtp-errors';

function smtpError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields.message ?? 'failed')), fields);
}

describe('classifySmtpError', () => {
  it.each<[Record<string, unknown>, 'permanent' | 'transient', boolean]>([
    [
      { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 Mailbox unavailable' },
      'permanent',
      false,
    ],
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 4.3.0 Try later' }, 'transient', false],
    [
      { code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' },
      'permanent',
      false,
    ],
    [
      { code: 'EAUTH', responseCode: 454, response: '454 Temporary authentication failure' },
      'transient',
      false,
    ],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' }, 'transient', true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'transient', true],
    [{ code: 'EMESSAGE', message: 'bad message' }, 'permanent', false],
    [{ message: 'something odd' }, 'permanent', false],
  ])('%j is %s', (fields, kind, connection) => {
    const failure = classifySmtpError(smtpError(fields), []);
    expect(failure.kind).toBe(kind);
    expect(isConnectionFailure(failure)).toBe(connection);
    if (typeof fields.responseCode === 'number')
      expect(failure.responseCode).toBe(fields.responseCode);
  });

  it('prefers the server reply, folds it to one line and masks credentials', () => {
    const failure = classifySmtpError(
      smtpError({
        code: 'EAUTH',
        responseCode: 535,
        response: '535-Bad login for smtp://bob:hunter22@mail\r\n535 user bob pass hunter22',
      }),
      ['hunter22'],
    );
    expect(failure).toEqual({
      kind: 'permanent',
      code: 'EAUTH',
      responseCode: 535,
      message: '535-Bad login for smtp://***@mail 535 user bob pass ***',
    });
  });
});
