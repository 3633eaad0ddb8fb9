import { randomBytes } from 'node:crypto';
import { type fileUploadRequestSchema } from '@switchboard/host-contract';
import type { z } from 'zod';
import { callHook, deliver, sql } from '../host-deliveries.js';
import type { ProbeContext, RouteProbes } from './probe.js';

/** A's dead letter, created by the seed. */
let aDeadLetterId: number | undefined;

async function aDeadLetterState(ctx: ProbeContext): Promise<string | undefined> {
  const rows = await sql(ctx.t, 'select state from inbox where id = ? and tenant_id = ?', [
    aDeadLetterId,
    ctx.a.tenantId,
  ]);
  return rows[0]?.['state'] as string | undefined;
}

async function seedDeadLetter(ctx: ProbeContext): Promise<void> {
  const marker = `inboxmarker${randomBytes(6).toString('hex')}`;
  const response = await deliver(
    ctx.t,
    ctx.a.tenantId,
    { eventType: 'ProbeOnlyEvent', data: { note: marker } },
    { secret: ctx.a.secrets.webhookSecret },
  );
  if (response.status !== 202) throw new Error(`seeding a dead letter failed: ${response.status}`);
  aDeadLetterId = ((await response.json()) as { id: number }).id;
  ctx.aMarkers.push(marker);
}

async function aInboxUnchanged(ctx: ProbeContext): Promise<void> {
  const rows = await sql(ctx.t, 'select count(*) as n from inbox where tenant_id = ?', [
    ctx.a.tenantId,
  ]);
  if (Number(rows[0]?.['n']) !== 1) throw new Error(`A's inbox changed: ${String(rows[0]?.['n'])}`);
  if ((await aDeadLetterState(ctx)) !== 'dead') throw new Error("A's dead letter was retried");
}

/** Probes of the host boundary: webhook ingress, decision hooks, dead letters. */
export const hostRouteProbes: RouteProbes = {
  'POST /webhooks/:tenantId': {
    reason: "deliveries for A must be signed with A's webhook secret",
    seed: seedDeadLetter,
    call: (ctx) =>
      deliver(
        ctx.t,
        ctx.a.tenantId,
        {
          eventType: 'SessionCreated',
          data: { id: 1, tenantId: 1, channel: 'Chat', source: 'Default' },
        },
        { secret: ctx.b.secrets.webhookSecret, headers: { authorization: ctx.bAuthorization } },
      ),
    expect: 'denied',
    verifyUnchanged: aInboxUnchanged,
  },
  'POST /hooks/:name': {
    reason: "a hook call naming A must be signed with A's webhook secret",
    call: (ctx) =>
      callHook(
        ctx.t,
        '/hooks/file-upload',
        {
          tenantId: ctx.a.tenantId,
          requestedAt: new Date().toISOString(),
          sessionId: '1',
          uploader: 'guest',
          fileName: 'a.pdf',
          sizeBytes: 1,
        } satisfies z.input<typeof fileUploadRequestSchema>,
        ctx.b.secrets.webhookSecret,
      ),
    expect: 'denied',
  },
  'GET /api/inbox/dead-letters': {
    reason: "lists only the caller's tenant's dead letters",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/inbox/dead-letters`, {
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'scoped',
  },
  'POST /api/inbox/dead-letters/:id/retry': {
    reason: "the dead letter is looked up under the caller's tenant",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/inbox/dead-letters/${aDeadLetterId}/retry`, {
        method: 'POST',
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'denied',
    verifyUnchanged: aInboxUnchanged,
  },
};
