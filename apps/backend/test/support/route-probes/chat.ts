import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { signWidgetToken } from '@switchboard/host-contract';
import { ClientHistoryEntry } from '../../../src/client-history/client-history-entry.entity.js';
import { deviceKey } from '../../../src/client-history/device-key.js';
import { SessionRecording } from '../../../src/recordings/session-recording.entity.js';
import { TranscriptRequest } from '../../../src/transcripts/transcript-request.entity.js';
import { sql } from '../host-deliveries.js';
import type { ProbeContext, RouteProbes } from './probe.js';

/** A's session with chat-lifecycle data (its id is in paths, so it is not a marker). */
const A_SESSION = '770001';
/** A's client device (the host's tracking id); B aims its widget token at it. */
const A_DEVICE = 'probe-device-of-a';

/** Recordings, a history entry and a transcript request of A, each carrying a marker. */
async function seedChatData(ctx: ProbeContext): Promise<void> {
  const marker = `chatmarker${randomBytes(6).toString('hex')}`;
  const em = ctx.t.app.get(EntityManager).fork();
  em.create(SessionRecording, {
    tenant: ctx.a.tenantId,
    sessionId: A_SESSION,
    recordingId: '1',
    name: `${marker}.webm`,
    downloadUrl: `https://host.example/${marker}`,
  });
  em.create(ClientHistoryEntry, {
    tenant: ctx.a.tenantId,
    sessionId: A_SESSION,
    deviceKey: deviceKey(ctx.a.tenantId, A_DEVICE),
    channel: 'Chat',
    startedAt: new Date(),
    messages: [
      {
        time: new Date().toISOString(),
        from: 'client',
        authorName: null,
        kind: 'text',
        text: marker,
      },
    ],
  });
  em.create(TranscriptRequest, {
    id: '00000000-0000-4000-8000-000000770001',
    tenant: ctx.a.tenantId,
    sessionId: A_SESSION,
    requestKey: `probe:${marker}`,
    recipient: `${marker}@client.example`,
    requestedBy: 'client',
    messageId: `<${marker}@probe.example>`,
  });
  await em.flush();
  ctx.aMarkers.push(marker);
}

/** B's own widget token for A's device: a valid credential, aimed at A's data. */
function bWidgetToken(ctx: ProbeContext): string {
  const now = Math.floor(Date.now() / 1000);
  return signWidgetToken(
    { tid: ctx.b.tenantId, sub: A_DEVICE, aud: 'switchboard', iat: now, exp: now + 300 },
    ctx.b.secrets.panelTokenSecret,
  );
}

async function aTranscriptsUnchanged(ctx: ProbeContext): Promise<void> {
  const rows = await sql(
    ctx.t,
    'select count(*) as n from transcript_request where tenant_id = ?',
    [ctx.a.tenantId],
  );
  if (Number(rows[0]?.['n']) !== 1)
    throw new Error(`A's transcript requests changed: ${String(rows[0]?.['n'])}`);
}

/** Probes of the chat lifecycle capabilities: recordings, client history, transcripts. */
export const chatRouteProbes: RouteProbes = {
  'GET /api/sessions/:sessionId/recordings': {
    reason: "recordings are looked up under the caller's tenant",
    seed: seedChatData,
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/sessions/${A_SESSION}/recordings`, {
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'scoped',
  },
  'GET /api/sessions/:sessionId/transcripts': {
    reason: "transcript requests are looked up under the caller's tenant",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/sessions/${A_SESSION}/transcripts`, {
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'scoped',
  },
  'POST /api/sessions/:sessionId/transcripts': {
    reason: "a request is stored under the caller's tenant, for a session of the caller's own host",
    // Refused before any host call (B's host is not reachable in tests): nothing of A is touched.
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/sessions/${A_SESSION}/transcripts`, {
        method: 'POST',
        headers: { authorization: ctx.bAuthorization, 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: 'not-an-address' }),
      }),
    expect: 'scoped',
    verifyUnchanged: aTranscriptsUnchanged,
  },
  'GET /widget/history': {
    reason: "a widget token's tenant and device select the history; A's device under B is nobody",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/widget/history`, {
        headers: { authorization: `Bearer ${bWidgetToken(ctx)}` },
      }),
    expect: 'scoped',
  },
  'OPTIONS /widget/history': {
    reason: 'a CORS preflight answers headers only',
    call: (ctx) => fetch(`${ctx.t.baseUrl}/widget/history`, { method: 'OPTIONS' }),
    expect: 'scoped',
  },
};
