import { createHmac } from 'node:crypto';
import { signWidgetToken, WIDGET_TOKEN_TYPE } from './widget-token.js';

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('widget tokens', () => {
  const claims = { tid: '101', sub: 'device-1', pkg: 7, aud: 'switchboard', iat: 1, exp: 61 };

  it('are HS256 JWTs of their own type, with the package id as a string', () => {
    const token = signWidgetToken(claims, 'panel-secret');
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(decode(header)).toEqual({ alg: 'HS256', typ: WIDGET_TOKEN_TYPE });
    expect(decode(payload)).toEqual({ ...claims, pkg: '7' });
    const expected = createHmac('sha256', 'panel-secret')
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('refuses claims without a device', () => {
    expect(() => signWidgetToken({ ...claims, sub: '' }, 'panel-secret')).toThrow();
  });
});
