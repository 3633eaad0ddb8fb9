import { randomUUID } from 'node:crypto';
import { HttpError } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { SessionChannel, SessionSource } from '../state/enums.js';
import type { Activity, Guest, Session } from '../state/session.model.js';
import { findPackage, findTenant } from './lookup.js';

/** One past session to create, as it would look after the client and the operator left. */
export interface HistorySessionInput {
  channel: SessionChannel;
  source: SessionSource;
  packageId: number | null;
  ended: string;
  durationSeconds: number;
  operatorId: number | null;
  guest: Partial<Guest>;
  messages: { from: 'guest' | 'operator'; text: string }[];
  files: string[];
  recordings: number;
  callParams: Record<string, string>;
  tags: string[];
  contactId: number | null;
  result: string | null;
  feedback: { stars: number | null; text: string | null } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Creates sessions that ended in the past (history for anonymization and reporting tests), with
 * messages, files, recordings, parameters, tags, a contact link, result and feedback. No events
 * are sent: the host's history predates the plugin. Tags are given by name and must exist.
 */
export function createHistorySessions(
  ctx: SandboxContext,
  tenantId: number,
  inputs: readonly HistorySessionInput[],
): number[] {
  const s = ctx.store.state;
  findTenant(s, tenantId);
  const tagIds = new Map(
    s.tags.filter((t) => t.tenantId === tenantId).map((t) => [t.name.toLowerCase(), t.id]),
  );
  const tagIdOf = (name: string): number => {
    const id = tagIds.get(name.toLowerCase());
    if (id === undefined) throw new HttpError(422, 'unknown_tag', `No tag ${name}`, 'tags');
    return id;
  };
  for (const input of inputs)
    if (input.packageId !== null) findPackage(s, input.packageId, tenantId);

  const ids: number[] = [];
  for (const input of inputs) {
    const endedMs = Date.parse(input.ended);
    const startedMs = endedMs - input.durationSeconds * 1000;
    const createdMs = startedMs - 60_000;
    const id = ctx.store.nextId('session');
    const activity = (offsetMs: number, fields: Partial<Activity>): Activity => ({
      activityId: ctx.store.nextId('activity'),
      time: iso(Math.min(endedMs, startedMs + offsetMs)),
      type: 'ChatMessage',
      client: null,
      userId: null,
      text: null,
      fileId: null,
      toOperatorUserId: null,
      toGroupId: null,
      terminationReason: null,
      ...fields,
    });
    const activities: Activity[] = input.messages.map((message, index) =>
      activity(index * 1000, {
        client: message.from === 'guest' ? 'Guest' : 'User',
        userId: message.from === 'guest' ? null : input.operatorId,
        text: message.text,
      }),
    );
    const files = input.files.map((name, index) => {
      const fileId = ctx.store.nextId('file');
      activities.push(
        activity((input.messages.length + index) * 1000, {
          type: 'SharedFile',
          client: 'Guest',
          fileId,
        }),
      );
      return {
        id: fileId,
        name,
        contentType: 'application/octet-stream',
        size: 1024,
        uploadedBy: 'Guest' as const,
        userId: null,
        uploaded: iso(startedMs),
        isDeleted: false,
        deletedAt: null,
        inaccessible: false,
      };
    });
    const session: Session = {
      id,
      tenantId,
      packageId: input.packageId,
      channel: input.channel,
      source: input.source,
      status: 'CLOSED',
      url: null,
      guest: {
        tempId: randomUUID(),
        ipAddress: null,
        os: 'OTHER',
        browser: 'OTHER',
        userAgent: null,
        language: null,
        trackedId: null,
        identity: input.contactId === null ? null : String(input.contactId),
        channelIdentity: null,
        phone: null,
        email: null,
        messengerId: null,
        name: null,
        ...input.guest,
        connected: false,
      },
      created: iso(createdMs),
      guestJoined: iso(createdMs),
      started: iso(startedMs),
      ended: input.ended,
      terminationReason: 'GuestLeft',
      guestLeftSession: 'LeftSession',
      blacklisted: false,
      operators:
        input.operatorId === null
          ? []
          : [{ userId: input.operatorId, joined: iso(startedMs), left: input.ended }],
      activities,
      files,
      recordings: Array.from({ length: input.recordings }, (_, index) => ({
        id: ctx.store.nextId('recording'),
        name: `recording-${id}-${index + 1}.webm`,
        started: iso(startedMs),
        durationSeconds: input.durationSeconds,
        type: 'AllParticipants' as const,
        userId: input.operatorId,
        isDeleted: false,
      })),
      recordingsState: input.recordings > 0 ? 'Processed' : null,
      recordingRequested: input.recordings > 0,
      callParams: Object.entries(input.callParams).map(([name, value]) => ({
        name,
        value,
        readOnly: false,
        source: 'EntryForm',
        updatedDate: iso(createdMs),
      })),
      tagIds: input.tags.map(tagIdOf),
      routingTimeline: [],
      result: input.result,
      feedback: {
        stars: input.feedback?.stars ?? null,
        scale: input.feedback?.stars == null ? null : 'Likert',
        text: input.feedback?.text ?? null,
      },
      phoneCallbackNumber: input.channel === 'Phone' ? (input.guest.phone ?? null) : null,
      callerId: null,
      offlineCallback: false,
      guestDisconnectedAt: null,
      preview: null,
      anonymized: null,
      anonymizedCategories: [],
    };
    s.sessions.push(session);
    ids.push(id);
  }
  ctx.store.changed();
  return ids;
}
