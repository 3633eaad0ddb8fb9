import { DECISION_HOOKS, HOOK_NAMES, sessionAdmissionRequestSchema } from './decision-hooks.js';
import { EXTENSION_PATHS } from './paths.js';

describe('decision hooks', () => {
  it('cover the seven decision points, each at its own /hooks path with a time budget', () => {
    expect(HOOK_NAMES).toEqual([
      'sessionAdmission',
      'fileUpload',
      'callbackRequest',
      'clientLeftQueue',
      'outboundCall',
      'avStart',
      'nextEmail',
    ]);
    for (const name of HOOK_NAMES) {
      expect(DECISION_HOOKS[name].path).toBe(EXTENSION_PATHS.switchboard.hooks[name]);
      expect(DECISION_HOOKS[name].path).toMatch(/^\/hooks\/[a-z-]+$/);
      expect(DECISION_HOOKS[name].budgetMs).toBeGreaterThan(0);
    }
  });

  it('have safe defaults that are valid answers (or null: the host decides alone)', () => {
    for (const name of HOOK_NAMES) {
      const hook = DECISION_HOOKS[name];
      if (hook.safeDefault === null) continue;
      expect(hook.response.safeParse(hook.safeDefault).success).toBe(true);
    }
    expect(DECISION_HOOKS.sessionAdmission.safeDefault).toEqual({
      decision: 'admit',
      preview: null,
    });
    expect(DECISION_HOOKS.avStart.safeDefault).toEqual({ record: false });
  });

  it('parse an admission request with tenant id, 64-bit session id and guest facts', () => {
    const request = sessionAdmissionRequestSchema.parse({
      tenantId: 42,
      requestedAt: '2026-11-25T10:00:00Z',
      sessionId: 123456789012,
      channel: 'Chat',
      source: 'DEFAULT',
      guest: { trackedId: 'abc', os: 'IOS', browser: 'Safari' },
    });
    expect(request).toMatchObject({
      tenantId: '42',
      sessionId: '123456789012',
      source: 'Default',
      guest: { browser: 'SAFARI' },
    });
  });

  it('require what each refusal must carry', () => {
    const callback = DECISION_HOOKS.callbackRequest.response;
    expect(
      callback.safeParse({
        decision: 'refuse',
        reason: 'number_blocked',
        retryAt: '2026-11-25T10:30:00Z',
        normalizedNumber: '+420777123456',
      }).success,
    ).toBe(true);
    expect(callback.safeParse({ decision: 'refuse' }).success).toBe(false);
    // A blocked number must say when it will be accepted again.
    expect(
      callback.safeParse({
        decision: 'refuse',
        reason: 'number_blocked',
        normalizedNumber: '+420777123456',
      }).success,
    ).toBe(false);
    expect(callback.safeParse({ decision: 'refuse', reason: 'invalid_number' }).success).toBe(true);
    const upload = DECISION_HOOKS.fileUpload.response;
    expect(upload.safeParse({ decision: 'refuse', reason: 'file_too_large' }).success).toBe(true);
    expect(upload.safeParse({ decision: 'maybe' }).success).toBe(false);
    const call = DECISION_HOOKS.outboundCall.response;
    expect(call.safeParse({ decision: 'substituted', callerId: '+420222333444' }).success).toBe(
      true,
    );
    expect(call.safeParse({ decision: 'chosen' }).success).toBe(false);
    const next = DECISION_HOOKS.nextEmail.response;
    expect(next.parse({ threadId: 5500000001 })).toEqual({ threadId: '5500000001' });
    expect(next.parse({ threadId: null })).toEqual({ threadId: null });
  });
});
