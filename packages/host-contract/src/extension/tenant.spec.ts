import { installRequestSchema, smtpRelaySchema } from './tenant.js';

describe("the install request's SMTP relay", () => {
  const install = {
    tenantId: 'acme-42',
    hostApiBaseUrl: 'https://host.example/api/v1',
    clientId: 'client',
    clientSecret: 'secret',
    webhookSecret: 'whsec_0123456789abcdef',
    panelTokenSecret: 'p'.repeat(32),
    entitlements: [],
    capabilities: [],
  };

  it('is optional, and defaults to port 587 with STARTTLS when offered', () => {
    expect(installRequestSchema.parse(install).smtp).toBeUndefined();
    expect(
      installRequestSchema.parse({
        ...install,
        smtp: { host: 'smtp.acme.example', from: 'Acme <help@acme.example>' },
      }).smtp,
    ).toEqual({
      host: 'smtp.acme.example',
      port: 587,
      secure: false,
      requireTls: false,
      from: 'Acme <help@acme.example>',
    });
  });

  it('takes credentials in pairs, a real sender and no stray fields', () => {
    const relay = { host: '10.0.0.5', port: 465, secure: true, from: 'help@acme.example' };
    expect(smtpRelaySchema.safeParse({ ...relay, user: 'u', password: 'p' }).success).toBe(true);
    expect(smtpRelaySchema.safeParse({ ...relay, user: 'u' }).success).toBe(false);
    expect(smtpRelaySchema.safeParse({ ...relay, password: 'p' }).success).toBe(false);
    expect(smtpRelaySchema.safeParse({ ...relay, from: 'nobody' }).success).toBe(false);
    expect(smtpRelaySchema.safeParse({ ...relay, host: 'smtp.example/path' }).success).toBe(false);
    expect(smtpRelaySchema.safeParse({ ...relay, pass: 'p' }).success).toBe(false);
  });
});
