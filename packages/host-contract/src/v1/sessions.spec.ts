import { sessionFilesOf, sessionModelSchema } from './sessions.js';
import { operatorStatesResponseSchema, userModelSchema } from './users.js';
import { emailThreadModelSchema } from './email-threads.js';
import { contactModelSchema } from './contacts.js';
import { webhookIdResponseSchema, webhookModelSchema } from './webhooks.js';
import { tokenResponseSchema } from './auth.js';

const session = {
  id: '9007199254740993',
  companyId: 1,
  departmentId: 42,
  channel: 'CHAT',
  source: 'callback',
  status: 'IN_QUEUE',
  avSupport: 'WebRtc',
  created: '2026-11-25T14:00:00.000001+02:00',
  started: null,
  waited: 'PT42S',
  guest: {
    ipAddress: '198.51.100.7',
    trackedId: '1d2c3b4a-0000-4000-8000-000000000001',
    identity: '77000123',
    os: 'Android',
    browser: 'CHROMIUM_EDGE',
    language: 'cs-CZ',
    callParams: { oo1_guest_phone: '+420777123456', empty: null },
  },
  operators: [{ userId: 17, userName: 'jana', joined: '2026-11-25T14:01:00+02:00' }],
  tags: [{ name: 'vip', userId: 17 }],
  recordings: [{ id: 5, duration: 'PT3M', type: 'Operator' }],
  recordingsState: 'processing',
  phoneCallbackNumber: '+420777123456',
  outboundDialResult: 'NoAnswer',
  somethingNew: { nested: true },
};

describe('v1 resources', () => {
  it('read a session with guest info, in any enum spelling, dropping unknown fields', () => {
    const parsed = sessionModelSchema.parse(session);
    expect(parsed).toMatchObject({
      id: '9007199254740993',
      channel: 'Chat',
      source: 'Callback',
      status: 'IN_QUEUE',
      avSupport: 'WEB_RTC',
      outboundDialResult: 'NO_ANSWER',
      recordingsState: 'Processing',
      guest: {
        os: 'ANDROID',
        browser: 'CHROMIUM_EDGE',
        trackedId: '1d2c3b4a-0000-4000-8000-000000000001',
      },
    });
    expect(parsed).not.toHaveProperty('somethingNew');
    expect(parsed.recordings?.[0]?.id).toBe('5');
    expect(sessionFilesOf(parsed)).toEqual([
      {
        kind: 'recording',
        id: '5',
        name: null,
        downloadUrl: null,
        isDeleted: false,
        activityId: null,
      },
    ]);
  });

  it('refuse a session without its id', () => {
    const { id: _id, ...withoutId } = session;
    expect(sessionModelSchema.safeParse(withoutId).success).toBe(false);
  });

  it('read users, operator states, e-mail threads and contacts', () => {
    expect(
      userModelSchema.parse({ id: 17, firstName: 'Jana', globalRoles: ['Admin', 'NewRole'] })
        .globalRoles,
    ).toEqual(['Admin', 'UNKNOWN']);
    expect(
      operatorStatesResponseSchema.parse({ data: [{ userId: 1, stateKind: 'on_call' }] }),
    ).toEqual([{ userId: 1, stateKind: 'ON_CALL' }]);
    const thread = emailThreadModelSchema.parse({
      id: 5500000001,
      state: 'IN_QUEUE',
      tags: ['urgent', { name: 'vip' }],
      operators: [{ userId: 17, assigned: '2026-11-25T10:00:00Z' }],
    });
    expect(thread).toMatchObject({ id: '5500000001', state: 'InQueue' });
    expect(
      contactModelSchema.parse({ id: '77000123', data: { oo1_guest_phone: ['+420777123456'] } }).id,
    ).toBe('77000123');
  });

  it('read webhook registrations and the 201/409 id answers', () => {
    expect(
      webhookModelSchema.parse({ id: 3, eventTypes: ['sessionended'], callbackUrl: 'https://x' })
        .eventTypes,
    ).toEqual(['SessionEnded']);
    expect(webhookIdResponseSchema.parse(11)).toBe(11);
    expect(webhookIdResponseSchema.parse({ id: 12 })).toBe(12);
  });

  it('read the token response, expires_in as a number or a numeric string', () => {
    expect(tokenResponseSchema.parse({ access_token: 'x', expires_in: '3600' })).toEqual({
      access_token: 'x',
      expires_in: 3600,
      token_type: 'Bearer',
    });
    expect(tokenResponseSchema.safeParse({ access_token: '', expires_in: 3600 }).success).toBe(
      false,
    );
  });
});
