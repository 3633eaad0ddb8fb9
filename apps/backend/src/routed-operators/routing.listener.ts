import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { HostApiClient } from '@switchboard/host-contract';
import { hostEvent, type HostEvent } from '../host/host.events.js';
import type { StepFacts } from './routing-fold.js';
import { RoutedOperatorsService } from './routed-operators.service.js';

async function operatorName(client: HostApiClient, userId: number): Promise<string | null> {
  try {
    const user = await client.getUser(userId);
    return [user.firstName, user.lastName].filter(Boolean).join(' ') || null;
  } catch {
    // A name is a nicety; the offer is kept without it.
    return null;
  }
}

async function groupName(client: HostApiClient, groupId: number): Promise<string | null> {
  try {
    return (await client.listOperatorGroups()).find((g) => g.id === groupId)?.name ?? null;
  } catch {
    return null;
  }
}

/**
 * SessionForwarded and SessionOperatorJoined: the routing changed. Idempotent: a timeline refresh
 * replaces the session's steps; a v1 step has a key derived from the event.
 */
@Injectable()
export class RoutingListener {
  constructor(private readonly routed: RoutedOperatorsService) {}

  @OnEvent(hostEvent('SessionForwarded'), { suppressErrors: false })
  async onForwarded(event: HostEvent<'SessionForwarded'>): Promise<void> {
    const { id, time, userId, operatorGroupId } = event.envelope.data;
    await this.routed.onRoutingEvent(event.tenantId, String(id), async (client) => {
      const at = new Date(time);
      if (userId != null) {
        return {
          stepKey: `ev:forward:${time}:u${userId}`,
          at,
          action: 'offered',
          targetKind: 'operator',
          targetId: String(userId),
          targetName: await operatorName(client, userId),
        } satisfies StepFacts;
      }
      if (operatorGroupId != null) {
        return {
          stepKey: `ev:forward:${time}:g${operatorGroupId}`,
          at,
          action: 'offered',
          targetKind: 'group',
          targetId: String(operatorGroupId),
          targetName: await groupName(client, operatorGroupId),
        } satisfies StepFacts;
      }
      return null;
    });
  }

  @OnEvent(hostEvent('SessionOperatorJoined'), { suppressErrors: false })
  async onOperatorJoined(event: HostEvent<'SessionOperatorJoined'>): Promise<void> {
    const { id, time, userId } = event.envelope.data;
    await this.routed.onRoutingEvent(event.tenantId, String(id), async (client) => ({
      stepKey: `ev:join:${time}:u${userId}`,
      at: new Date(time),
      action: 'accepted',
      targetKind: 'operator',
      targetId: String(userId),
      targetName: await operatorName(client, userId),
    }));
  }
}
