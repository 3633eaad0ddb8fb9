import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { currentRequestContext } from '../common/rest/request-context.js';
import { AuditEntry, type AuditActorType, type AuditOutcome } from './audit-entry.entity.js';
import { redact } from './redact.js';

export interface AuditActor {
  type: AuditActorType;
  id: string;
  name?: string | null;
}

export interface AuditEntryInput {
  tenantId: string;
  actor: { type: 'user' | 'host' | 'system'; id: string; name?: string | null };
  action: string;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/** The audit actor for a principal: the host's own server calls are 'host', people are 'user'. */
export function actorFromPrincipal(principal: Principal): AuditActor {
  return {
    type: principal.roles.includes('host') ? 'host' : 'user',
    id: principal.userId,
    name: principal.userName,
  };
}

/** The actor for things Switchboard does by itself (jobs, timers, install bookkeeping). */
export const systemActor: AuditActor = { type: 'system', id: 'switchboard', name: null };

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Records one entry. With `em`, the entry is only persisted into that EntityManager, so it is
   * committed (or rolled back) together with the caller's change; without, it is written now in
   * a fork of its own. Before/after/details lose every credential-like key on the way in.
   */
  async record(input: AuditEntryInput, em?: EntityManager): Promise<void> {
    const entry = toEntity(input);
    if (em !== undefined) {
      em.persist(entry);
      return;
    }
    await this.em.fork().persistAndFlush(entry);
  }
}

function toEntity(input: AuditEntryInput): AuditEntry {
  const entry = new AuditEntry();
  entry.tenantId = input.tenantId;
  entry.actorType = input.actor.type;
  entry.actorId = input.actor.id;
  entry.actorName = input.actor.name ?? null;
  entry.action = input.action;
  entry.targetType = input.target?.type ?? null;
  entry.targetId = input.target?.id ?? null;
  entry.before = input.before === undefined ? null : redact(input.before);
  entry.after = input.after === undefined ? null : redact(input.after);
  entry.outcome = input.outcome ?? ('success' satisfies AuditOutcome);
  entry.details =
    input.details === undefined ? null : (redact(input.details) as Record<string, unknown>);
  entry.requestId = currentRequestContext()?.requestId ?? null;
  entry.occurredAt = new Date();
  return entry;
}
