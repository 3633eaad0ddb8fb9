import type { RoutingTimelineItem } from '@switchboard/host-contract';
import type { RoutingAction, RoutingTarget } from './routing-step.entity.js';

/** A step as stored, without its bookkeeping. */
export interface StepFacts {
  stepKey: string;
  at: Date;
  action: RoutingAction;
  targetKind: RoutingTarget;
  targetId: string;
  targetName: string | null;
}

export const ROUTING_OUTCOMES = ['pending', 'accepted', 'expired'] as const;
export type RoutingOutcome = (typeof ROUTING_OUTCOMES)[number];

/** One offer of the session to an operator or a group, in the order they happened. */
export interface RoutedEntry {
  kind: RoutingTarget;
  id: string;
  name: string | null;
  offeredAt: string;
  outcome: RoutingOutcome;
  decidedAt: string | null;
}

const fullName = (person: { firstName?: string | null; lastName?: string | null }): string | null =>
  [person.firstName, person.lastName].filter((part) => part != null && part !== '').join(' ') ||
  null;

/** The steps the host's routing timeline holds that say who the session was offered to. */
export function stepsFromTimeline(items: readonly RoutingTimelineItem[]): StepFacts[] {
  const steps: StepFacts[] = [];
  items.forEach((item, index) => {
    const at = new Date(item.timestamp);
    const stepKey = `tl:${index}:${item.activityType}`;
    const operator = item.operator;
    const group = item.group;
    const operatorStep = (action: RoutingAction): void => {
      if (operator == null) return;
      steps.push({
        stepKey,
        at,
        action,
        targetKind: 'operator',
        targetId: String(operator.userId),
        targetName: fullName(operator),
      });
    };
    const groupStep = (action: RoutingAction): void => {
      if (group == null) return;
      steps.push({
        stepKey,
        at,
        action,
        targetKind: 'group',
        targetId: String(group.id),
        targetName: group.name ?? null,
      });
    };
    switch (item.activityType) {
      case 'AssignedToOperator':
      case 'ForwardedToUser':
      case 'InvitedUser':
        operatorStep('offered');
        break;
      case 'AcceptedByOperator':
        operatorStep('accepted');
        break;
      case 'OperatorTimeoutExpired':
        operatorStep('expired');
        break;
      case 'EnteredGroupQueue':
      case 'ForwardedToGroup':
      case 'InvitedGroup':
        groupStep('offered');
        break;
      case 'GroupQueueTimeoutExpired':
      case 'LeftGroupQueue':
        groupStep('left_queue');
        break;
      default:
        break;
    }
  });
  return steps;
}

/**
 * Folds steps (oldest first) into the offers an operator hovers over: each offer to a target is
 * pending until that target accepts or lets it expire; a target offered again after that is a
 * new entry; an accept without a recorded offer (v1 only sees joins) is an entry of its own.
 */
export function foldSteps(steps: readonly StepFacts[]): RoutedEntry[] {
  const entries: RoutedEntry[] = [];
  const open = new Map<string, RoutedEntry>();
  for (const step of steps) {
    const key = `${step.targetKind}:${step.targetId}`;
    const at = step.at.toISOString();
    const current = open.get(key);
    if (current !== undefined && step.targetName !== null) current.name ??= step.targetName;
    if (step.action === 'offered') {
      if (current !== undefined) continue;
      const entry: RoutedEntry = {
        kind: step.targetKind,
        id: step.targetId,
        name: step.targetName,
        offeredAt: at,
        outcome: 'pending',
        decidedAt: null,
      };
      entries.push(entry);
      open.set(key, entry);
      continue;
    }
    const outcome: RoutingOutcome = step.action === 'accepted' ? 'accepted' : 'expired';
    if (current !== undefined) {
      current.outcome = outcome;
      current.decidedAt = at;
      open.delete(key);
    } else if (outcome === 'accepted') {
      entries.push({
        kind: step.targetKind,
        id: step.targetId,
        name: step.targetName,
        offeredAt: at,
        outcome,
        decidedAt: at,
      });
    }
  }
  return entries;
}
