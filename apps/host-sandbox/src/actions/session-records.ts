import type { SandboxContext } from '../sandbox-context.js';
import type { RoutingTimelineActivityType } from '../state/enums.js';
import type { Activity, Session } from '../state/session.model.js';
import { activityEvent } from '../webhooks/event-payloads.js';

/** Appends an activity and sends its `SessionActivity<Type>` event. */
export function addActivity(
  ctx: SandboxContext,
  session: Session,
  fields: Partial<Activity> & Pick<Activity, 'type'>,
): Activity {
  const activity: Activity = {
    activityId: ctx.store.nextId('activity'),
    time: new Date().toISOString(),
    client: null,
    userId: null,
    text: null,
    fileId: null,
    toOperatorUserId: null,
    toGroupId: null,
    terminationReason: null,
    ...fields,
  };
  session.activities.push(activity);
  ctx.dispatcher.publish(activityEvent(session, activity));
  return activity;
}

export function addTimeline(
  ctx: SandboxContext,
  session: Session,
  activityType: RoutingTimelineActivityType,
  target: {
    groupId?: number | null;
    userId?: number | null;
    forwardedByUserId?: number | null;
  } = {},
): void {
  session.routingTimeline.push({
    routingRequestId: session.id,
    timestamp: new Date().toISOString(),
    activityType,
    groupId: target.groupId ?? null,
    userId: target.userId ?? null,
    forwardedByUserId: target.forwardedByUserId ?? null,
  });
  ctx.store.changed();
}
