import type { activityFileSchema, sessionModelSchema } from '@switchboard/host-contract';
import type { z } from 'zod';
import type { SandboxState } from '../state/sandbox-state.js';
import type { Session } from '../state/session.model.js';

const seconds = (from: string | null, to: string | null): string | null =>
  from === null || to === null
    ? null
    : `PT${Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))}S`;

/** What the contract's SessionModel schema accepts, plus the sandbox's extension fields. */
type ActivityFile = z.input<typeof activityFileSchema>;

export type SessionView = z.input<typeof sessionModelSchema> & Record<string, unknown>;

/**
 * SessionModel as the v1 API returns it (camelCase). With the extension on, a few fields the real
 * model lacks are added (packageId, guest.userAgent, offlineCallback).
 */
export function sessionView(
  s: SandboxState,
  session: Session,
  apiBase: string,
  extension: boolean,
): SessionView {
  const tenant = s.tenants.find((t) => t.id === session.tenantId);
  const pkg = s.packages.find((p) => p.id === session.packageId);
  const fileView = (fileId: number | null): ActivityFile | null => {
    const file = session.files.find((f) => f.id === fileId);
    if (!file) return null;
    return {
      id: file.id,
      operatorOwner: file.userId,
      departmentOwner: session.tenantId,
      name: file.name,
      downloadUrl: `${apiBase}/Sessions/${session.id}/files/${file.id}/download`,
      isUploading: false,
      isDeleted: file.isDeleted,
    };
  };
  const g = session.guest;
  const view: SessionView = {
    id: session.id,
    companyId: tenant?.companyId ?? null,
    departmentId: session.tenantId,
    channel: session.channel,
    source: session.source,
    status: session.status,
    avSupport: 'WEB_RTC',
    url: session.url,
    widget: pkg?.name ?? null,
    phoneCallbackNumber: session.phoneCallbackNumber,
    created: session.created,
    guestJoined: session.guestJoined,
    started: session.started,
    ended: session.ended,
    anonymized: session.anonymized,
    waited: seconds(session.created, session.started ?? session.ended),
    length: seconds(session.started, session.ended),
    guestLeftSession: session.guestLeftSession,
    guest: {
      tempId: g.tempId,
      ipAddress: g.ipAddress,
      trackedId: g.trackedId,
      identity: g.identity,
      channelIdentity: g.channelIdentity,
      os: g.os,
      browser: g.browser,
      language: g.language,
      callParams: Object.fromEntries(session.callParams.map((p) => [p.name, p.value])),
      ...(extension
        ? {
            userAgent: g.userAgent,
            phone: g.phone,
            email: g.email,
            messengerId: g.messengerId,
            name: g.name,
          }
        : {}),
    },
    operators: session.operators.map((o) => {
      const operator = s.operators.find((x) => x.id === o.userId);
      return {
        userId: o.userId,
        userName: operator?.username ?? null,
        firstName: operator?.firstName ?? null,
        lastName: operator?.lastName ?? null,
        joined: o.joined,
        left: o.left,
      };
    }),
    activities: session.activities.map((a) => ({
      activityId: a.activityId,
      time: a.time,
      type: a.type,
      client: a.client,
      userId: a.userId,
      text: a.text,
      file: fileView(a.fileId),
      toOperatorUserId: a.toOperatorUserId,
      toGroupId: a.toGroupId,
      terminationReason: a.terminationReason,
    })),
    tags: session.tagIds.map((id) => ({
      id,
      name: s.tags.find((t) => t.id === id)?.name ?? String(id),
    })),
    blacklisted: session.blacklisted,
    guestFeedbackStars: session.feedback.stars,
    guestFeedbackScale: session.feedback.scale,
    guestFeedbackText: session.feedback.text,
    recordings: session.recordings.map((r) => ({
      id: r.id,
      name: r.name,
      started: r.started,
      duration: `PT${r.durationSeconds}S`,
      type: r.type,
      userId: r.userId,
      downloadUrl: `${apiBase}/Sessions/${session.id}/recordings/${r.id}/download`,
      isUploading: false,
      isDeleted: r.isDeleted,
    })),
    recordingsState: session.recordingsState,
  };
  if (extension) {
    view.packageId = session.packageId;
    view.result = session.result;
    view.offlineCallback = session.offlineCallback;
    view.callerId = session.callerId;
  }
  return view;
}
