import { CAPABILITIES, hasCapability, parseCapabilities } from './capabilities.js';
import {
  anonymizeSessionRequestSchema,
  anonymizeSessionResponseSchema,
} from './session-actions.js';
import { installRequestSchema, settingsUpdatedNotificationSchema } from './tenant.js';
import { panelTokenClaimsSchema } from './panel-token.js';
import { fillPath } from './paths.js';

describe('extension', () => {
  it('reads declared capabilities in canonical spelling, dropping unknown ones', () => {
    expect(
      parseCapabilities(['signed_webhooks', 'DECISIONHOOKS', 'teleport', 'signedWebhooks']),
    ).toEqual(['signedWebhooks', 'decisionHooks']);
    expect(hasCapability(['routingTimeline'], 'routingTimeline')).toBe(true);
    expect(hasCapability([], 'routingTimeline')).toBe(false);
    expect(CAPABILITIES).toContain('settingsWebhook');
  });

  it('anonymizes by the five categories, each once, with per-category results', () => {
    expect(
      anonymizeSessionRequestSchema.safeParse({ categories: ['recordings', 'contact_link'] })
        .success,
    ).toBe(true);
    expect(
      anonymizeSessionRequestSchema.safeParse({ categories: ['recordings', 'recordings'] }).success,
    ).toBe(false);
    expect(anonymizeSessionRequestSchema.safeParse({ categories: [] }).success).toBe(false);
    expect(
      anonymizeSessionResponseSchema.parse({
        sessionId: 1,
        results: [{ category: 'recordings', outcome: 'anonymized', itemCount: 2 }],
      }).results[0],
    ).toEqual({ category: 'recordings', outcome: 'ANONYMIZED', itemCount: 2 });
  });

  it('checks the install request exactly (no stray fields, secrets long enough)', () => {
    const install = {
      tenantId: 'acme-42',
      hostApiBaseUrl: 'https://host.example/api/v1',
      clientId: 'c',
      clientSecret: 's',
      webhookSecret: 'whsec_0123456789abcdef',
      panelTokenSecret: '0123456789abcdef0123456789abcdef',
      entitlements: ['av'],
      capabilities: ['signedWebhooks'],
    };
    expect(installRequestSchema.safeParse(install).success).toBe(true);
    expect(installRequestSchema.safeParse({ ...install, extra: 1 }).success).toBe(false);
    expect(installRequestSchema.safeParse({ ...install, panelTokenSecret: 'short' }).success).toBe(
      false,
    );
    expect(installRequestSchema.safeParse({ ...install, tenantId: '../x' }).success).toBe(false);
  });

  it('reads the settings-updated notification the backend sends', () => {
    expect(
      settingsUpdatedNotificationSchema.parse({
        type: 'settings.updated',
        tenantId: '42',
        version: 7,
        changedKeys: ['chat.avRecording'],
        packageIds: [3, '4'],
      }).packageIds,
    ).toEqual(['3', '4']);
    expect(settingsUpdatedNotificationSchema.safeParse({ type: 'settings.changed' }).success).toBe(
      false,
    );
  });

  it('reads panel token claims with known roles only', () => {
    const claims = { tid: '42', sub: '17', roles: ['admin'], aud: 'switchboard', iat: 1, exp: 2 };
    expect(panelTokenClaimsSchema.safeParse(claims).success).toBe(true);
    expect(panelTokenClaimsSchema.safeParse({ ...claims, roles: ['root'] }).success).toBe(false);
  });

  it('fills path templates with encoded values and refuses missing ones', () => {
    expect(fillPath('/extension/sessions/{sessionId}/end', { sessionId: 'a/b' })).toBe(
      '/extension/sessions/a%2Fb/end',
    );
    expect(() => fillPath('/x/{id}', {})).toThrow('missing path parameter id');
  });
});
