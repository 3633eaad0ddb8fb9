import { generateWebhookSecret, HOOK_NAMES } from '@switchboard/host-contract';
import { hookBySegment } from './decision-hooks.controller.js';
import {
  authorizationMatches,
  basicAuthorization,
  webhookBasicCredentials,
} from './webhook-credentials.js';

describe('v1 webhook credentials', () => {
  it('are stable per tenant and secret, and differ across tenants and secrets', () => {
    const secret = generateWebhookSecret();
    const a = webhookBasicCredentials('t-1', secret);
    expect(webhookBasicCredentials('t-1', secret)).toEqual(a);
    expect(webhookBasicCredentials('t-2', secret).password).not.toBe(a.password);
    expect(webhookBasicCredentials('t-1', generateWebhookSecret()).password).not.toBe(a.password);
    expect(a.username).toBe('switchboard-t-1');
    // URL-safe, so it fits a callback URL's userinfo as is.
    expect(a.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('match only the exact Authorization header', () => {
    const expected = basicAuthorization({ username: 'u', password: 'p' });
    expect(expected).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(authorizationMatches(expected, expected)).toBe(true);
    expect(authorizationMatches(undefined, expected)).toBe(false);
    expect(authorizationMatches(`${expected}x`, expected)).toBe(false);
    expect(
      authorizationMatches(basicAuthorization({ username: 'u', password: 'q' }), expected),
    ).toBe(false);
  });
});

describe('hook routes', () => {
  it('map every path segment of the contract to its hook, and nothing else', () => {
    expect(
      HOOK_NAMES.map((name) => hookBySegment(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))),
    ).toEqual(HOOK_NAMES);
    expect(hookBySegment('fileUpload')).toBeUndefined();
    expect(hookBySegment('coffee')).toBeUndefined();
  });
});
