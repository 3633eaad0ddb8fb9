import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { EmailThread } from '../state/email-thread.model.js';
import { emailThreadEvent } from '../webhooks/event-payloads.js';
import { findOperator, findTenant } from './lookup.js';

/** An e-mail from a client opens a thread in the tenant's queue. */
export function receiveEmail(
  ctx: SandboxContext,
  input: { tenantId: number; from: string; name?: string | null; subject: string; body: string },
): EmailThread {
  const tenant = findTenant(ctx.store.state, input.tenantId);
  const time = new Date().toISOString();
  const thread: EmailThread = {
    id: ctx.store.nextId('emailThread'),
    tenantId: tenant.id,
    state: 'InQueue',
    created: time,
    lastClientMessage: time,
    subject: input.subject,
    clientEmails: [input.from],
    clientNames: input.name ? [input.name] : [],
    inboxAddress: `podpora+${tenant.id}@demo.example`,
    operators: [],
    messages: [
      {
        id: ctx.store.nextId('emailMessage'),
        created: time,
        senderAddress: input.from,
        subject: input.subject,
        body: input.body,
        direction: 'in',
      },
    ],
    tags: [],
  };
  ctx.store.state.emailThreads.push(thread);
  ctx.dispatcher.publish(emailThreadEvent('EmailThreadCreated', thread, { created: time }));
  ctx.store.changed();
  return thread;
}

/** Assigns a thread to an operator; a reassignment is a forward (EmailThreadForwarded). */
export function assignThread(
  ctx: SandboxContext,
  thread: EmailThread,
  userId: number,
  onlyIfUnassigned = false,
): string {
  findOperator(ctx.store.state, userId, thread.tenantId);
  const time = new Date().toISOString();
  const current = thread.operators.find((o) => o.unassigned === null);
  if (current?.userId === userId) return current.assigned;
  if (current && onlyIfUnassigned) {
    throw new HttpError(
      409,
      'already_assigned',
      `Thread ${thread.id} is held by user ${current.userId}`,
      undefined,
      {
        threadId: thread.id,
        userId: current.userId,
      },
    );
  }
  if (current) {
    current.unassigned = time;
    ctx.dispatcher.publish(
      emailThreadEvent('EmailThreadOperatorLeft', thread, { userId: current.userId, time }),
    );
    ctx.dispatcher.publish(
      emailThreadEvent('EmailThreadForwarded', thread, { userId, operatorGroupId: null, time }),
    );
  }
  thread.operators.push({ userId, assigned: time, unassigned: null });
  thread.state = 'Accepted';
  ctx.dispatcher.publish(emailThreadEvent('EmailThreadOperatorJoined', thread, { userId, time }));
  ctx.store.changed();
  return time;
}

/** The host's own order without a plugin: newest client message first. */
function hostOrder(threads: EmailThread[]): EmailThread[] {
  return [...threads].sort(
    (a, b) => b.lastClientMessage.localeCompare(a.lastClientMessage) || b.id - a.id,
  );
}

/**
 * An operator asks for the next e-mail: the nextEmail hook names a thread it has claimed for the
 * operator. Without an answer (safe default) the host offers the next one in its own order; an
 * answer naming a thread that is not queued counts as invalid and the host order applies too.
 */
export async function nextEmail(
  ctx: SandboxContext,
  input: { tenantId: number; operatorId: number },
): Promise<{ thread: EmailThread | null; usedDefault: boolean }> {
  findOperator(ctx.store.state, input.operatorId, input.tenantId);
  const queued = hostOrder(
    ctx.store.state.emailThreads.filter(
      (t) => t.tenantId === input.tenantId && t.state === 'InQueue',
    ),
  );
  const outcome = await ctx.hooks.decide(input.tenantId, 'nextEmail', {
    operatorUserId: input.operatorId,
  });
  let usedDefault = outcome.usedDefault;
  let chosen: EmailThread | null;
  if (usedDefault || outcome.decision === null) {
    chosen = queued[0] ?? null;
  } else if (outcome.decision.threadId === null) {
    chosen = null;
  } else {
    const wanted = Number(outcome.decision.threadId);
    chosen = queued.find((t) => t.id === wanted) ?? null;
    if (!chosen) {
      chosen = queued[0] ?? null;
      usedDefault = true;
      outcome.record.usedDefault = true;
      outcome.record.defaultReason = 'invalid_response';
    }
  }
  outcome.record.decision = { threadId: chosen?.id ?? null };
  if (chosen) assignThread(ctx, chosen, input.operatorId);
  return { thread: chosen, usedDefault };
}
