import { EXTENSION_EVENT_TYPES } from './extension/extension-event-types.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-type.js';
import {
  dedupeKeyFor,
  isWebhookEvent,
  parseWebhookEnvelope,
  sessionIdOfDelivery,
  webhookEnvelopeSchema,
  type WebhookEnvelope,
} from './webhook-envelope.js';

const session = {
  id: 9_007_199_254_740_993n.toString(),
  tenantId: 42,
  channel: 'Chat',
  source: 'Default',
};
const at = '2026-11-25T14:03:11.123456+02:00';

const genericActivity = (type: string, extra: Record<string, unknown> = {}) => ({
  sessionId: 123456789012,
  activityId: '987654321098',
  time: at,
  type,
  client: 'Guest',
  ...extra,
});

/** Realistic `data` for every event type, shaped like the host's payload classes. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  SessionCreated: { ...session },
  SessionStarted: { ...session, started: at },
  SessionOperatorJoined: { ...session, userId: 17, time: at },
  SessionForwarded: { ...session, time: at, userId: null, operatorGroupId: 5, chatbotId: null },
  SessionEnded: { ...session, started: '2026-11-25T14:00:00+02:00', ended: at },
  SessionOperatorLeft: { ...session, userId: 17, time: at },
  SessionOperatorConcluded: { ...session, userId: 17, time: at },
  SessionCallParamsUpdated: { id: session.id, tenantId: 42 },
  SessionRecordingPostProcessingCompleted: { id: session.id, tenantId: 42 },
  EmailThreadCreated: { id: '5500000001', tenantId: 42, created: '2026-11-25T12:03:11Z' },
  EmailThreadOperatorJoined: { id: 5500000001, tenantId: 42, userId: 17, time: at },
  EmailThreadOperatorLeft: { id: 5500000001, tenantId: 42, userId: 17, time: at },
  EmailThreadForwarded: {
    id: 5500000001,
    tenantId: 42,
    time: at,
    userId: 18,
    operatorGroupId: null,
  },
  EmailThreadParamsUpdated: { id: 5500000001, tenantId: 42 },
  GuestIdentityUpdated: { id: 77000123, tenantId: 42 },
  UserStatusChanged: {
    userId: 17,
    status: 'AWAY',
    availabilityStatus: 'Away',
    availabilityStatusReason: 'Lunch',
  },
  ApplicationSettingChanged: { name: 'AutoAnonymizeAfterDays', companyId: 1, departmentId: 42 },
  SessionActivityAvRequest: { sessionId: 123456789012, operatorId: 17, time: at },
  SessionActivityAvResponse: {
    sessionId: 123456789012,
    operatorId: 17,
    response: 'REJECTED_SHIT_BROWSER',
    time: at,
  },
  SessionActivityAvMediaResult: {
    sessionId: 123456789012,
    operatorId: 17,
    result: 'NO_CAMERA_ONLY_MIC',
    isStreamAvailable: true,
    time: at,
  },
  SessionActivityAvTerminated: { sessionId: 123456789012, operatorId: 17, time: at },
  SessionActivityHeroCardSubmission: {
    sessionId: 123456789012,
    result: 'Submitted',
    originalFormID: 31,
    submittedByClient: true,
    params: { email: 'jana@example.cz', note: null },
    time: at,
  },
  SessionActivityChatMessage: genericActivity('ChatMessage', { text: 'Dobrý den' }),
  SessionActivitySharedFile: genericActivity('SharedFile', {
    file: {
      id: 881,
      name: 'faktura.pdf',
      downloadUrl: 'https://host.example/files/881',
      isUploading: false,
      isDeleted: false,
    },
  }),
  SessionActivitySharedScreen: genericActivity('SharedScreen'),
  SessionActivityCobrowsingStarted: genericActivity('CobrowsingStarted'),
  SessionActivityCobrowsingStoppedByGuest: genericActivity('CobrowsingStoppedByGuest'),
  SessionActivityScreenSharingFailedByGuest: genericActivity('ScreenSharingFailedByGuest'),
  SessionActivityFileUploadFailed: genericActivity('FileUploadFailed'),
  SessionActivityHeroCard: genericActivity('HeroCard'),
  SessionActivityChatbotMessage: genericActivity('ChatbotMessage', {
    client: 'Chatbot',
    chatbotId: 3,
    chatbotMessageContent: { cards: [] },
  }),
  SessionActivityCallScript: genericActivity('CallScript', { userId: 17 }),
  SessionActivityCallScriptSubmission: genericActivity('CallScriptSubmission', {
    submissionIdentification: 'form-1',
  }),
  SessionActivityWelcomeMessage: genericActivity('WelcomeMessage', { text: 'Vítejte' }),
  SessionActivityLastFarewellMessage: genericActivity('LastFarewellMessage'),
  SessionActivityPreviewUrl: genericActivity('PreviewUrl'),
  SessionActivityExternalMessage: genericActivity('ExternalMessage'),
  SessionActivityOnHold: genericActivity('OnHold'),
  SessionActivityResumeGuest: genericActivity('ResumeGuest'),
  SessionActivityChatToMail: genericActivity('ChatToMail'),
  SessionActivityAutoActivity: genericActivity('AutoActivity'),
  SessionActivityAutoActivityAsOperator: genericActivity('AutoActivityAsOperator'),
  SessionActivityChatbotHeroCardSubmission: genericActivity('ChatbotHeroCardSubmission', {
    chatbotHeroCardSubmissionKey: 'choice',
    chatbotHeroCardSubmissionValue: 'yes',
  }),
  SessionActivitySessionEnded: genericActivity('SessionEnded', { terminationReason: 'GUEST_LEFT' }),
  SessionActivitySessionForwarded: genericActivity('SessionForwarded', {
    toGroupId: 5,
    toGroupName: 'Podpora',
    note: 'VIP',
  }),
  SessionActivityOperatorInvited: genericActivity('OperatorInvited', {
    toOperatorUserId: 18,
    toOperatorFullName: 'Petr Novák',
  }),
  SessionActivityOperatorInviteCanceled: genericActivity('OperatorInviteCanceled'),
  SessionActivityOperatorInviteRejected: genericActivity('OperatorInviteRejected'),
  SessionActivityOperatorKicked: genericActivity('OperatorKicked'),
  GuestDisconnected: {
    sessionId: '123456789012',
    tenantId: 42,
    time: at,
    cause: 'connection_lost',
  },
  GuestReconnected: { sessionId: 123456789012, tenantId: 42, time: at, disconnectedAt: at },
  ClientLeftWhileQueued: {
    sessionId: 123456789012,
    tenantId: 42,
    time: at,
    outcome: 'KEPT_AS_OFFLINE_CALLBACK',
    decidedBy: 'Hook',
  },
};

function parsed(eventType: string, data: unknown): WebhookEnvelope {
  const result = parseWebhookEnvelope({ eventType, data });
  if (!result.success) throw new Error(`${eventType}: ${result.error.message}`);
  return result.data;
}

describe('webhook envelope', () => {
  it.each([...WEBHOOK_EVENT_TYPES, ...EXTENSION_EVENT_TYPES])(
    'parses a realistic %s delivery into its typed payload',
    (eventType) => {
      const sample = SAMPLES[eventType];
      expect(sample).toBeDefined();
      const envelope = parsed(eventType, sample);
      expect(envelope.eventType).toBe(eventType);
      expect(envelope.data).toEqual(expect.any(Object));
    },
  );

  it('matches event names case-insensitively and returns the canonical name', () => {
    expect(parsed('sessioncreated', SAMPLES['SessionCreated']).eventType).toBe('SessionCreated');
    expect(parsed('SESSION_ENDED', SAMPLES['SessionEnded']).eventType).toBe('SessionEnded');
  });

  it('normalises 64-bit ids to strings whether sent as numbers or numeric strings', () => {
    const fromNumber = parsed('SessionActivityChatMessage', SAMPLES['SessionActivityChatMessage']);
    if (!isWebhookEvent(fromNumber, 'SessionActivityChatMessage')) throw new Error('narrowing');
    expect(fromNumber.data.sessionId).toBe('123456789012');
    expect(fromNumber.data.activityId).toBe('987654321098');
    const created = parsed('SessionCreated', SAMPLES['SessionCreated']);
    if (!isWebhookEvent(created, 'SessionCreated')) throw new Error('narrowing');
    // Beyond 2^53: only the string form keeps every digit.
    expect(created.data.id).toBe('9007199254740993');
    expect(created.data.tenantId).toBe(42);
  });

  it('reads PascalCase and upper-snake enum spellings alike', () => {
    const av = parsed('SessionActivityAvResponse', SAMPLES['SessionActivityAvResponse']);
    if (!isWebhookEvent(av, 'SessionActivityAvResponse')) throw new Error('narrowing');
    expect(av.data.response).toBe('RejectedShitBrowser');
    const media = parsed('SessionActivityAvMediaResult', SAMPLES['SessionActivityAvMediaResult']);
    if (!isWebhookEvent(media, 'SessionActivityAvMediaResult')) throw new Error('narrowing');
    expect(media.data.result).toBe('NoCameraOnlyMic');
    const ended = parsed('SessionActivitySessionEnded', SAMPLES['SessionActivitySessionEnded']);
    if (!isWebhookEvent(ended, 'SessionActivitySessionEnded')) throw new Error('narrowing');
    expect(ended.data.terminationReason).toBe('GuestLeft');
    const status = parsed('UserStatusChanged', { ...SAMPLES['UserStatusChanged'], status: 'Busy' });
    if (!isWebhookEvent(status, 'UserStatusChanged')) throw new Error('narrowing');
    expect(status.data.status).toBe('BUSY');
    expect(status.data.availabilityStatus).toBe('AWAY');
  });

  it('maps enum values it does not know to UNKNOWN instead of failing', () => {
    const envelope = parsed('SessionCreated', {
      ...SAMPLES['SessionCreated'],
      channel: 'Hologram',
      source: 'Telepathy',
    });
    if (!isWebhookEvent(envelope, 'SessionCreated')) throw new Error('narrowing');
    expect(envelope.data.channel).toBe('UNKNOWN');
    expect(envelope.data.source).toBe('UNKNOWN');
  });

  it('keeps unknown fields out of the payload without failing', () => {
    const envelope = parsed('SessionStarted', { ...SAMPLES['SessionStarted'], brandNewField: 1 });
    expect(envelope.data).not.toHaveProperty('brandNewField');
  });

  it('parses an unknown event type to UNKNOWN with the raw name and data, so it can be parked', () => {
    const envelope = parsed('StatRealTime', { companyId: 1, metricName: 'queue' });
    expect(envelope).toEqual({
      eventType: 'UNKNOWN',
      rawEventType: 'StatRealTime',
      data: { companyId: 1, metricName: 'queue' },
    });
  });

  it('refuses a known event whose payload is malformed, with issues under data', () => {
    const missingTime = parseWebhookEnvelope({
      eventType: 'SessionOperatorJoined',
      data: { ...session, userId: 17 },
    });
    expect(missingTime.success).toBe(false);
    if (missingTime.success) return;
    expect(missingTime.error.issues[0]?.path).toEqual(['data', 'time']);

    const badId = webhookEnvelopeSchema.safeParse({
      eventType: 'SessionCreated',
      data: { ...session, id: '12ab' },
    });
    expect(badId.success).toBe(false);
  });

  it('refuses timestamps without an offset and non-envelopes', () => {
    expect(
      parseWebhookEnvelope({
        eventType: 'SessionStarted',
        data: { ...session, started: '2026-11-25T14:03:11' },
      }).success,
    ).toBe(false);
    expect(parseWebhookEnvelope({ data: {} }).success).toBe(false);
    expect(parseWebhookEnvelope('SessionCreated').success).toBe(false);
  });
});

describe('dedupe keys for deliveries without an id', () => {
  const key = (eventType: string, data: unknown, options = {}) =>
    dedupeKeyFor(parsed(eventType, data), options);

  it('give the same key to a retry, whatever the id encoding, key order or enum spelling', () => {
    const first = key('SessionOperatorJoined', { ...session, userId: 17, time: at });
    const retry = key('SessionOperatorJoined', {
      time: at,
      userId: 17,
      source: 'DEFAULT',
      channel: 'chat',
      tenantId: 42,
      id: BigInt(session.id).toString(),
    });
    expect(retry).toBe(first);
    expect(first).toMatch(/^v1:SessionOperatorJoined:[0-9a-f]{40}$/);
  });

  it('tell apart different ids, times and event types', () => {
    const base = key('SessionOperatorJoined', { ...session, userId: 17, time: at });
    expect(key('SessionOperatorJoined', { ...session, userId: 18, time: at })).not.toBe(base);
    expect(
      key('SessionOperatorJoined', { ...session, userId: 17, time: '2026-11-25T14:03:12+02:00' }),
    ).not.toBe(base);
    expect(key('SessionOperatorLeft', { ...session, userId: 17, time: at })).not.toBe(base);
  });

  it('tell apart activities by activity id', () => {
    expect(key('SessionActivityChatMessage', genericActivity('ChatMessage'))).not.toBe(
      key('SessionActivityChatMessage', { ...genericActivity('ChatMessage'), activityId: 1 }),
    );
  });

  it('tell apart status changes by the state they report', () => {
    const away = key('UserStatusChanged', SAMPLES['UserStatusChanged']);
    const online = key('UserStatusChanged', { ...SAMPLES['UserStatusChanged'], status: 'ONLINE' });
    expect(away).not.toBe(online);
  });

  it('bucket time-less repeatable events by receipt time when given', () => {
    const data = SAMPLES['SessionCallParamsUpdated'];
    const t0 = Date.parse('2026-11-25T12:00:01Z');
    expect(key('SessionCallParamsUpdated', data, { receivedAt: t0 })).toBe(
      key('SessionCallParamsUpdated', data, { receivedAt: t0 + 10_000 }),
    );
    expect(key('SessionCallParamsUpdated', data, { receivedAt: t0 })).not.toBe(
      key('SessionCallParamsUpdated', data, { receivedAt: t0 + 120_000 }),
    );
    // Events with their own time ignore the receipt time.
    const joined = { ...session, userId: 17, time: at };
    expect(key('SessionOperatorJoined', joined, { receivedAt: t0 })).toBe(
      key('SessionOperatorJoined', joined, { receivedAt: t0 + 120_000 }),
    );
  });

  it('prefer the webhook-id of a signed delivery and hash the body of an unknown event', () => {
    const envelope = parsed('SessionCreated', SAMPLES['SessionCreated']);
    expect(dedupeKeyFor(envelope, { webhookId: 'msg_2b' })).toBe('wh:msg_2b');
    const unknownA = dedupeKeyFor(parsed('Mystery', { a: 1, b: 2 }));
    const unknownB = dedupeKeyFor(parsed('Mystery', { b: 2, a: 1 }));
    expect(unknownA).toBe(unknownB);
    expect(unknownA).toMatch(/^raw:/);
    expect(dedupeKeyFor(parsed('Mystery', { a: 2 }))).not.toBe(unknownA);
  });
});

describe('the session a delivery is about', () => {
  it('reads `id` of Session* events and `sessionId` of activity and extension events', () => {
    expect(sessionIdOfDelivery('SessionEnded', { id: 42, tenantId: 7 })).toBe('42');
    expect(sessionIdOfDelivery('sessionCreated', { id: '9007199254740993' })).toBe(
      '9007199254740993',
    );
    expect(
      sessionIdOfDelivery('SessionActivityChatMessage', { sessionId: 5, activityId: 77 }),
    ).toBe('5');
    expect(sessionIdOfDelivery('GuestDisconnected', { sessionId: '12', tenantId: 1 })).toBe('12');
  });

  it('finds none in events about operators, threads or settings, nor in malformed data', () => {
    expect(sessionIdOfDelivery('UserStatusChanged', { userId: 3, status: 'Online' })).toBeNull();
    expect(sessionIdOfDelivery('EmailThreadCreated', { id: 8 })).toBeNull();
    expect(sessionIdOfDelivery('SessionActivityChatMessage', { activityId: 77 })).toBeNull();
    expect(sessionIdOfDelivery('SessionEnded', null)).toBeNull();
    expect(sessionIdOfDelivery('SessionEnded', { id: { nested: true } })).toBeNull();
    expect(sessionIdOfDelivery('SessionEnded', { id: 1.5 })).toBeNull();
  });

  it('reads the raw data of a delivery parked for an unknown event type', () => {
    expect(sessionIdOfDelivery('SessionSomethingNew', { id: 31 })).toBe('31');
    expect(sessionIdOfDelivery('SomethingNew', { sessionId: 32 })).toBe('32');
  });
});
