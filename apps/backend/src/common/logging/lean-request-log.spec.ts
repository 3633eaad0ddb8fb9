import { redactHeaders } from './lean-request-log.js';

describe('redactHeaders (the request line of the lean routes)', () => {
  it('censors every header the service logger redacts, and the generic secret keys', () => {
    const headers = {
      authorization: 'Basic c2VjcmV0',
      cookie: 'sid=1',
      'proxy-authorization': 'Basic eA==',
      'x-api-key': 'key',
      'webhook-signature': 'v1,abc',
      'x-switchboard-signature': 'v1,def',
      token: 't',
      webhooksecret: 'whsec_x',
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'content-type': 'application/json',
    };
    expect(redactHeaders(headers)).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'proxy-authorization': '[redacted]',
      'x-api-key': '[redacted]',
      'webhook-signature': '[redacted]',
      'x-switchboard-signature': '[redacted]',
      token: '[redacted]',
      webhooksecret: '[redacted]',
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'content-type': 'application/json',
    });
  });
});
