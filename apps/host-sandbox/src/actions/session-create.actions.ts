import { randomUUID } from 'node:crypto';
import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { SessionChannel, SessionSource } from '../state/enums.js';
import type { Guest, Session } from '../state/session.model.js';
import { sessionEvent } from '../webhooks/event-payloads.js';
import { findOperator, findPackage, findTenant } from './lookup.js';
import { routedOperatorIds } from './package-status.js';
import { addActivity, addTimeline } from './session-records.js';

export interface CreateSessionInput {
  tenantId: number;
  packageId?: number | null;
  channel?: SessionChannel;
  source?: SessionSource;
  guest?: Partial<Guest>;
  url?: string | null;
  message?: string | null;
  phoneCallbackNumber?: string | null;
}

export interface CreateSessionResult {
  session: Session;
  admitted: boolean;
  usedDefault: boolean;
}

function newGuest(fields: Partial<Guest>): Guest {
  return {
    tempId: randomUUID(),
    ipAddress: null,
    os: 'OTHER',
    browser: 'OTHER',
    userAgent: null,
    language: null,
    trackedId: null,
    identity: null,
    channelIdentity: null,
    phone: null,
    email: null,
    messengerId: null,
    name: null,
    connected: true,
    ...fields,
  };
}

function newSession(ctx: SandboxContext, input: CreateSessionInput): Session {
  const now = new Date().toISOString();
  return {
    id: ctx.store.nextId('session'),
    tenantId: input.tenantId,
    packageId: input.packageId ?? null,
    channel: input.channel ?? 'Chat',
    source: input.source ?? 'Default',
    status: 'CREATED',
    url: input.url ?? null,
    guest: newGuest(input.guest ?? {}),
    created: now,
    guestJoined: now,
    started: null,
    ended: null,
    terminationReason: null,
    guestLeftSession: null,
    blacklisted: false,
    operators: [],
    activities: [],
    files: [],
    recordings: [],
    recordingsState: null,
    recordingRequested: false,
    callParams: [],
    tagIds: [],
    routingTimeline: [],
    result: null,
    feedback: { stars: null, scale: null, text: null },
    phoneCallbackNumber: input.phoneCallbackNumber ?? null,
    callerId: null,
    offlineCallback: false,
    guestDisconnectedAt: null,
    preview: null,
    anonymized: null,
    anonymizedCategories: [],
  };
}

function guestFacts(session: Session): Record<string, unknown> {
  const g = session.guest;
  return {
    ipAddress: g.ipAddress,
    trackedId: g.trackedId,
    channelIdentity: g.channelIdentity ?? g.phone ?? g.email ?? g.messengerId,
    identity: g.identity,
    os: g.os,
    browser: g.browser,
    language: g.language,
    userAgent: g.userAgent,
  };
}

/** Refuses a session the plugin did not admit: the host marks it blacklisted and ends it. */
function refuse(ctx: SandboxContext, session: Session, status: 'BLACKLISTED' | 'CLOSED'): void {
  const now = new Date().toISOString();
  session.status = status;
  session.blacklisted = status === 'BLACKLISTED';
  session.ended = now;
  session.terminationReason = 'FailedRouting';
  session.guestLeftSession = 'LeftBeforeQueue';
  ctx.dispatcher.publish(sessionEvent('SessionEnded', session, { started: null, ended: now }));
}

/** Puts an admitted session in its package's queue and offers it to the first available operator. */
function enqueue(ctx: SandboxContext, session: Session): void {
  const s = ctx.store.state;
  session.status = 'IN_QUEUE';
  addTimeline(ctx, session, 'RoutingRequestCreated');
  const pkg =
    session.packageId === null
      ? null
      : (s.packages.find((p) => p.id === session.packageId) ?? null);
  const groupId = pkg?.groupIds[0] ?? null;
  if (groupId !== null) addTimeline(ctx, session, 'EnteredGroupQueue', { groupId });
  ctx.dispatcher.publish(sessionEvent('SessionStarted', session, { started: session.created }));
  if (pkg) {
    const candidate = s.operators.find(
      (o) => routedOperatorIds(s, pkg).includes(o.id) && o.status === 'ONLINE',
    );
    if (candidate)
      addTimeline(ctx, session, 'AssignedToOperator', { groupId, userId: candidate.id });
  }
}

/** A client arrives: admission hook, then SessionCreated and the queue (or a refusal). */
export async function createSession(
  ctx: SandboxContext,
  input: CreateSessionInput,
): Promise<CreateSessionResult> {
  const s = ctx.store.state;
  findTenant(s, input.tenantId);
  if (input.packageId != null) findPackage(s, input.packageId, input.tenantId);
  const session = newSession(ctx, input);
  s.sessions.push(session);
  ctx.store.changed();

  const admission = await ctx.hooks.decide(session.tenantId, 'sessionAdmission', {
    sessionId: session.id,
    packageId: session.packageId,
    channel: session.channel,
    source: session.source,
    guest: guestFacts(session),
  });
  ctx.dispatcher.publish(sessionEvent('SessionCreated', session));
  if (admission.decision?.decision === 'admit') session.preview = admission.decision.preview;
  if (admission.decision?.decision === 'refuse') {
    refuse(ctx, session, 'BLACKLISTED');
    return { session, admitted: false, usedDefault: admission.usedDefault };
  }
  enqueue(ctx, session);
  if (input.message)
    addActivity(ctx, session, { type: 'ChatMessage', client: 'Guest', text: input.message });
  return { session, admitted: true, usedDefault: admission.usedDefault };
}

export interface CallbackResult extends CreateSessionResult {
  accepted: boolean;
  retryAt: string | null;
  reason: string | null;
}

/** A client asks for a callback in the callback widget: admission, then the callback-request hook. */
export async function requestCallback(
  ctx: SandboxContext,
  input: {
    tenantId: number;
    packageId: number | null;
    phoneNumber: string;
    guest?: Partial<Guest>;
  },
): Promise<CallbackResult> {
  const created = await createSession(ctx, {
    tenantId: input.tenantId,
    packageId: input.packageId,
    channel: 'Phone',
    source: 'Callback',
    phoneCallbackNumber: input.phoneNumber,
    guest: { phone: input.phoneNumber, channelIdentity: input.phoneNumber, ...input.guest },
  });
  if (!created.admitted)
    return { ...created, accepted: false, retryAt: null, reason: 'not_admitted' };
  const session = created.session;
  const outcome = await ctx.hooks.decide(session.tenantId, 'callbackRequest', {
    sessionId: session.id,
    packageId: session.packageId,
    phoneNumber: input.phoneNumber,
  });
  const answer = outcome.decision;
  const normalized = answer && 'normalizedNumber' in answer ? answer.normalizedNumber : undefined;
  if (normalized) session.phoneCallbackNumber = normalized;
  const refused = answer?.decision === 'refuse' ? answer : null;
  if (refused) {
    const now = new Date().toISOString();
    session.status = 'CLOSED';
    session.ended = now;
    session.terminationReason = 'FailedRouting';
    session.result = `callback_refused:${refused.reason}`;
    addTimeline(ctx, session, 'RoutingEnded');
    ctx.dispatcher.publish(sessionEvent('SessionEnded', session, { started: null, ended: now }));
  }
  ctx.store.changed();
  return {
    ...created,
    usedDefault: outcome.usedDefault,
    accepted: refused === null,
    retryAt: refused && 'retryAt' in refused ? refused.retryAt : null,
    reason: refused?.reason ?? null,
  };
}

export interface OutboundCallResult {
  placed: boolean;
  callerId: string | null;
  session: Session | null;
  usedDefault: boolean;
  reason: string | null;
}

/** An operator starts a call: the outbound-call hook picks or validates the caller ID. */
export async function placeOutboundCall(
  ctx: SandboxContext,
  input: { tenantId: number; operatorId: number; phoneNumber: string; callerId?: string | null },
): Promise<OutboundCallResult> {
  const s = ctx.store.state;
  findTenant(s, input.tenantId);
  findOperator(s, input.operatorId, input.tenantId);
  const hostDefault =
    s.callerIds.find((c) => c.tenantId === input.tenantId && c.isDefault)?.callerId ?? null;
  const outcome = await ctx.hooks.decide(input.tenantId, 'outboundCall', {
    operatorUserId: input.operatorId,
    sessionId: null,
    phoneNumber: input.phoneNumber,
    requestedCallerId: input.callerId ?? null,
  });
  const answer = outcome.decision;
  if (answer?.decision === 'refused') {
    return {
      placed: false,
      callerId: null,
      session: null,
      usedDefault: outcome.usedDefault,
      reason: answer.reason,
    };
  }
  const callerId = answer && answer.decision !== 'host_default' ? answer.callerId : hostDefault;
  if (
    callerId !== null &&
    !s.callerIds.some((c) => c.tenantId === input.tenantId && c.callerId === callerId)
  ) {
    throw new HttpError(
      422,
      'unknown_caller_id',
      `Caller ID ${callerId} does not belong to the tenant`,
    );
  }
  const session = newSession(ctx, {
    tenantId: input.tenantId,
    channel: 'Phone',
    source: 'OutgoingCall',
    phoneCallbackNumber: input.phoneNumber,
    guest: { phone: input.phoneNumber, channelIdentity: input.phoneNumber },
  });
  session.callerId = callerId;
  session.status = 'ACTIVE';
  session.started = session.created;
  session.operators.push({ userId: input.operatorId, joined: session.created, left: null });
  s.sessions.push(session);
  ctx.dispatcher.publish(sessionEvent('SessionCreated', session));
  ctx.dispatcher.publish(sessionEvent('SessionStarted', session, { started: session.started }));
  ctx.dispatcher.publish(
    sessionEvent('SessionOperatorJoined', session, {
      userId: input.operatorId,
      time: session.created,
    }),
  );
  ctx.store.changed();
  return { placed: true, callerId, session, usedDefault: outcome.usedDefault, reason: null };
}
