import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { SessionTerminationReason } from '../state/enums.js';
import type { Activity, Session, SessionFile } from '../state/session.model.js';
import { extensionSessionEvent, sessionEvent } from '../webhooks/event-payloads.js';
import { assertOpen, findOperator } from './lookup.js';
import { addActivity, addTimeline } from './session-records.js';

const now = (): string => new Date().toISOString();

/** An operator takes the session: SessionOperatorJoined (the first one also starts the session). */
export function acceptSession(ctx: SandboxContext, session: Session, userId: number): void {
  assertOpen(session);
  findOperator(ctx.store.state, userId, session.tenantId);
  if (session.operators.some((o) => o.userId === userId && o.left === null)) return;
  const time = now();
  session.status = 'ACTIVE';
  session.started ??= time;
  session.offlineCallback = session.offlineCallback && !session.guest.connected;
  session.operators.push({ userId, joined: time, left: null });
  addTimeline(ctx, session, 'AcceptedByOperator', { userId });
  ctx.dispatcher.publish(sessionEvent('SessionOperatorJoined', session, { userId, time }));
  ctx.store.changed();
}

/** Offers the session to an operator who lets the offer expire: only the routing timeline shows it. */
export function offerSession(
  ctx: SandboxContext,
  session: Session,
  userId: number,
  expire: boolean,
): void {
  assertOpen(session);
  findOperator(ctx.store.state, userId, session.tenantId);
  addTimeline(ctx, session, 'AssignedToOperator', { userId });
  if (expire) addTimeline(ctx, session, 'OperatorTimeoutExpired', { userId });
}

export function forwardSession(
  ctx: SandboxContext,
  session: Session,
  target: { userId?: number | null; groupId?: number | null; byUserId?: number | null },
): void {
  assertOpen(session);
  if (target.userId == null && target.groupId == null) {
    throw new HttpError(400, 'invalid_request', 'Forward needs a userId or a groupId', 'userId');
  }
  const time = now();
  const by = target.byUserId ?? null;
  for (const operator of session.operators) if (operator.left === null) operator.left = time;
  session.status = 'IN_QUEUE';
  if (target.userId != null) {
    findOperator(ctx.store.state, target.userId, session.tenantId);
    addTimeline(ctx, session, 'ForwardedToUser', { userId: target.userId, forwardedByUserId: by });
  } else {
    addTimeline(ctx, session, 'ForwardedToGroup', {
      groupId: target.groupId ?? null,
      forwardedByUserId: by,
    });
  }
  addActivity(ctx, session, {
    type: 'SessionForwarded',
    client: by === null ? null : 'User',
    userId: by,
    toOperatorUserId: target.userId ?? null,
    toGroupId: target.groupId ?? null,
  });
  ctx.dispatcher.publish(
    sessionEvent('SessionForwarded', session, {
      time,
      userId: target.userId ?? null,
      operatorGroupId: target.groupId ?? null,
      chatbotId: null,
    }),
  );
}

export function sendMessage(
  ctx: SandboxContext,
  session: Session,
  input: { from: 'guest' | 'operator'; userId?: number | null; text: string },
): void {
  assertOpen(session);
  const fromOperator = input.from === 'operator';
  if (fromOperator) findOperator(ctx.store.state, input.userId ?? -1, session.tenantId);
  addActivity(ctx, session, {
    type: 'ChatMessage',
    client: fromOperator ? 'User' : 'Guest',
    userId: fromOperator ? (input.userId ?? null) : null,
    text: input.text,
  });
}

export interface UploadResult {
  allowed: boolean;
  file: SessionFile | null;
  usedDefault: boolean;
  reason: string | null;
}

/** A file sent in the chat; a client's upload passes the file-upload hook first. */
export async function uploadFile(
  ctx: SandboxContext,
  session: Session,
  input: {
    from: 'guest' | 'operator';
    userId?: number | null;
    name: string;
    contentType: string;
    size: number;
  },
): Promise<UploadResult> {
  assertOpen(session);
  const fromGuest = input.from === 'guest';
  let allowed = true;
  let usedDefault = false;
  let reason: string | null = null;
  if (fromGuest) {
    const outcome = await ctx.hooks.decide(session.tenantId, 'fileUpload', {
      sessionId: session.id,
      packageId: session.packageId,
      uploader: 'guest',
      operatorUserId: null,
      fileName: input.name,
      contentType: input.contentType,
      sizeBytes: input.size,
    });
    const answer = outcome.decision;
    allowed = answer?.decision !== 'refuse';
    usedDefault = outcome.usedDefault;
    reason = answer?.decision === 'refuse' ? answer.reason : null;
  } else {
    findOperator(ctx.store.state, input.userId ?? -1, session.tenantId);
  }
  if (!allowed) {
    addActivity(ctx, session, { type: 'FileUploadFailed', client: 'Guest', text: input.name });
    return { allowed, file: null, usedDefault, reason };
  }
  const file: SessionFile = {
    id: ctx.store.nextId('file'),
    name: input.name,
    contentType: input.contentType,
    size: input.size,
    uploadedBy: fromGuest ? 'Guest' : 'User',
    userId: fromGuest ? null : (input.userId ?? null),
    uploaded: now(),
    isDeleted: false,
    deletedAt: null,
    inaccessible: false,
  };
  session.files.push(file);
  addActivity(ctx, session, {
    type: 'SharedFile',
    client: fromGuest ? 'Guest' : 'User',
    userId: file.userId,
    fileId: file.id,
  });
  return { allowed, file, usedDefault, reason };
}

export function endSession(
  ctx: SandboxContext,
  session: Session,
  reason: SessionTerminationReason,
  byUserId: number | null = null,
): void {
  assertOpen(session);
  const time = now();
  const wasStarted = session.started;
  for (const operator of session.operators) {
    if (operator.left !== null) continue;
    operator.left = time;
    ctx.dispatcher.publish(
      sessionEvent('SessionOperatorLeft', session, { userId: operator.userId, time }),
    );
  }
  session.status = 'CLOSED';
  session.ended = time;
  session.terminationReason = reason;
  addTimeline(ctx, session, 'RoutingEnded');
  addActivity(ctx, session, {
    type: 'SessionEnded',
    client: byUserId === null ? null : 'User',
    userId: byUserId,
    terminationReason: reason,
  });
  ctx.dispatcher.publish(
    sessionEvent('SessionEnded', session, { started: wasStarted, ended: time }),
  );
  if (session.recordingRequested) {
    const operatorId = session.operators[0]?.userId ?? null;
    session.recordings.push({
      id: ctx.store.nextId('recording'),
      name: `session-${session.id}.webm`,
      started: wasStarted ?? session.created,
      durationSeconds: Math.max(
        1,
        Math.round((Date.parse(time) - Date.parse(wasStarted ?? session.created)) / 1000),
      ),
      type: 'AllParticipants',
      userId: operatorId,
      isDeleted: false,
    });
    session.recordingsState = 'Processed';
    ctx.dispatcher.publish(sessionEvent('SessionRecordingPostProcessingCompleted', session));
  }
  ctx.store.changed();
}

export interface LeaveResult {
  keptQueued: boolean;
  usedDefault: boolean;
}

/**
 * The client goes away. From the queue the client-left-queued hook may keep the session queued
 * as an offline callback; otherwise (or later in the session) it ends with GuestLeft.
 */
export async function guestLeaves(ctx: SandboxContext, session: Session): Promise<LeaveResult> {
  assertOpen(session);
  const queued =
    session.status === 'IN_QUEUE' || session.status === 'CREATED' || session.status === 'WAITING';
  if (!queued) {
    session.guestLeftSession = 'LeftSession';
    session.guest.connected = false;
    endSession(ctx, session, 'GuestLeft');
    return { keptQueued: false, usedDefault: false };
  }
  const time = now();
  const outcome = await ctx.hooks.decide(session.tenantId, 'clientLeftQueue', {
    sessionId: session.id,
    packageId: session.packageId,
    leftAt: time,
    cause: 'PageClosed',
    contact: {
      name: session.guest.name,
      phoneNumber: session.guest.phone ?? session.phoneCallbackNumber,
      email: session.guest.email,
    },
  });
  const keep = outcome.decision?.decision === 'keep_offline_callback';
  session.guestLeftSession = 'LeftQueue';
  session.guest.connected = false;
  ctx.dispatcher.publish(
    extensionSessionEvent('ClientLeftWhileQueued', session, {
      packageId: session.packageId,
      time,
      outcome: keep ? 'KeptAsOfflineCallback' : 'Dropped',
      decidedBy: outcome.usedDefault ? 'SafeDefault' : 'Hook',
    }),
  );
  if (keep) {
    session.offlineCallback = true;
    ctx.store.changed();
  } else {
    endSession(ctx, session, 'GuestLeft');
  }
  return { keptQueued: keep, usedDefault: outcome.usedDefault };
}

/** Guest connectivity (extension events): the client's connection drops or comes back. */
export function setGuestConnected(ctx: SandboxContext, session: Session, connected: boolean): void {
  assertOpen(session);
  if (session.guest.connected === connected) return;
  const time = now();
  const disconnectedAt = session.guestDisconnectedAt;
  session.guest.connected = connected;
  session.guestDisconnectedAt = connected ? null : time;
  ctx.dispatcher.publish(
    connected
      ? extensionSessionEvent('GuestReconnected', session, {
          packageId: session.packageId,
          time,
          disconnectedAt,
        })
      : extensionSessionEvent('GuestDisconnected', session, {
          packageId: session.packageId,
          time,
          cause: 'ConnectionLost',
        }),
  );
  ctx.store.changed();
}

/** An operator starts audio/video: the av-start hook decides whether it is recorded. */
export async function startAv(
  ctx: SandboxContext,
  session: Session,
  operatorId: number,
): Promise<{ record: boolean; usedDefault: boolean }> {
  assertOpen(session);
  findOperator(ctx.store.state, operatorId, session.tenantId);
  const outcome = await ctx.hooks.decide(session.tenantId, 'avStart', {
    sessionId: session.id,
    packageId: session.packageId,
    channel: session.channel,
    source: session.source,
    operatorUserId: operatorId,
  });
  const record = outcome.decision?.record ?? false;
  session.recordingRequested = record;
  session.activities.push({
    activityId: ctx.store.nextId('activity'),
    time: now(),
    type: 'AvRequest',
    client: 'User',
    userId: operatorId,
    text: null,
    fileId: null,
    toOperatorUserId: null,
    toGroupId: null,
    terminationReason: null,
  });
  ctx.dispatcher.publish({
    tenantIds: [session.tenantId],
    eventType: 'SessionActivityAvRequest',
    entityKey: `session:${session.id}`,
    data: { sessionId: session.id, operatorId, time: now() },
    extensionData: { tenantId: session.tenantId, recording: record },
  });
  ctx.store.changed();
  return { record, usedDefault: outcome.usedDefault };
}

export function setFeedback(
  ctx: SandboxContext,
  session: Session,
  input: { stars?: number | null; text?: string | null; result?: string | null },
): void {
  if (input.stars !== undefined) {
    session.feedback.stars = input.stars;
    session.feedback.scale = input.stars === null ? null : 'Likert';
  }
  if (input.text !== undefined) session.feedback.text = input.text;
  if (input.result !== undefined) session.result = input.result;
  ctx.store.changed();
}

export function setCallParams(
  ctx: SandboxContext,
  session: Session,
  params: Record<string, string>,
  source: string,
): void {
  const time = now();
  for (const [name, value] of Object.entries(params)) {
    const existing = session.callParams.find((p) => p.name === name);
    if (existing) Object.assign(existing, { value, source, updatedDate: time });
    else session.callParams.push({ name, value, readOnly: false, source, updatedDate: time });
  }
  ctx.dispatcher.publish(sessionEvent('SessionCallParamsUpdated', session));
  ctx.store.changed();
}

/**
 * The client (or an operator for them) asks for the chat transcript by e-mail: a ChatToMail
 * activity whose text is the address. Allowed after the session ended too, as the widget offers
 * it on its closing screen.
 */
export function requestTranscript(
  ctx: SandboxContext,
  session: Session,
  input: { email: string; from: 'guest' | 'operator'; userId?: number | null },
): Activity {
  const fromOperator = input.from === 'operator';
  if (fromOperator) findOperator(ctx.store.state, input.userId ?? -1, session.tenantId);
  const activity = addActivity(ctx, session, {
    type: 'ChatToMail',
    client: fromOperator ? 'User' : 'Guest',
    userId: fromOperator ? (input.userId ?? null) : null,
    text: input.email,
  });
  ctx.store.changed();
  return activity;
}
