import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  signedHeaders,
  signWebhook,
  verifyWebhook,
} from './standard-webhooks.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ eventType: 'SessionCreated', data: { id: 42, tenantId: 7 } });
const now = Math.floor(Date.now() / 1000);

describe('Standard Webhooks signing', () => {
  it('verifies what the standardwebhooks package signs', () => {
    const signature = new Webhook(secret).sign('msg_1', new Date(now * 1000), body);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now),
      'webhook-signature': signature,
    };
    expect(verifyWebhook(secret, headers, body)).toEqual({ ok: true });
  });

  it('signs what the standardwebhooks package verifies', () => {
    const headers = signedHeaders(secret, 'msg_2', body, now);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('produces the same signature as the standardwebhooks package', () => {
    expect(signWebhook(secret, 'msg_3', now, body)).toBe(
      new Webhook(secret).sign('msg_3', new Date(now * 1000), body),
    );
  });

  it('refuses a body changed after signing', () => {
    const headers = signedHeaders(secret, 'msg_4', body, now);
    expect(verifyWebhook(secret, headers, body.replace('42', '43'))).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
  });

  it('refuses the wrong secret', () => {
    const headers = signedHeaders(generateWebhookSecret(), 'msg_5', body, now);
    expect(verifyWebhook(secret, headers, body)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
  });

  it('refuses stale and future timestamps outside the tolerance', () => {
    const old = signedHeaders(secret, 'msg_6', body, now - 301);
    expect(verifyWebhook(secret, old, body, { nowSeconds: now })).toEqual({
      ok: false,
      reason: 'timestamp_too_old',
    });
    const future = signedHeaders(secret, 'msg_7', body, now + 301);
    expect(verifyWebhook(secret, future, body, { nowSeconds: now })).toEqual({
      ok: false,
      reason: 'timestamp_too_new',
    });
    const edge = signedHeaders(secret, 'msg_8', body, now - 300);
    expect(verifyWebhook(secret, edge, body, { nowSeconds: now })).toEqual({ ok: true });
  });

  it('refuses missing headers and a non-numeric timestamp', () => {
    expect(verifyWebhook(secret, {}, body)).toEqual({ ok: false, reason: 'missing_headers' });
    const headers = { ...signedHeaders(secret, 'msg_9', body, now), 'webhook-timestamp': '12abc' };
    expect(verifyWebhook(secret, headers, body)).toEqual({
      ok: false,
      reason: 'invalid_timestamp',
    });
  });

  it('accepts either secret while a secret rotates', () => {
    const next = generateWebhookSecret();
    const headers = signedHeaders(next, 'msg_10', body, now);
    expect(verifyWebhook([secret, next], headers, body)).toEqual({ ok: true });
    const both = {
      ...headers,
      'webhook-signature': `${signWebhook(secret, 'msg_10', now, body)} ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(next, both, body)).toEqual({ ok: true });
  });
});
