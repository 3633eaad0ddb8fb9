import { redact } from './redact.js';

describe('redact', () => {
  it('removes credential-like keys at any depth, in objects and arrays', () => {
    expect(
      redact({
        name: 'Eva',
        clientSecret: 's1',
        nested: {
          password: 'p',
          deeper: [{ accessToken: 't', keep: 1 }],
          Authorization: 'Bearer x',
        },
        credentials: { user: 'u' },
        webhook_SECRET: 'w',
      }),
    ).toEqual({ name: 'Eva', nested: { deeper: [{ keep: 1 }] } });
  });

  it('keeps plain values, turns dates into ISO strings and survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(redact(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(redact([1, 'x', null, new Date('2026-01-01T00:00:00.000Z')])).toEqual([
      1,
      'x',
      null,
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('does not change the input', () => {
    const input = { token: 't', ok: true };
    redact(input);
    expect(input).toEqual({ token: 't', ok: true });
  });
});
