import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';

/** What a handler receives about the job it runs. */
export interface JobContext<P = unknown> {
  id: number;
  kind: string;
  /** null for system jobs. */
  tenantId: string | null;
  key: string | null;
  payload: P;
  /** 1 on the first attempt. A crash or an expired lease also counts as an attempt. */
  attempt: number;
  /** When the job was due (for cron jobs: the slot it runs for). */
  dueAt: Date;
}

/**
 * Runs one job. Resolving marks it done; throwing schedules a retry with backoff, and the last
 * attempt makes it a dead letter. `em` is this run's own EntityManager (also what the injected
 * EntityManager resolves to during the run): outside a transaction unless the kind is registered
 * `transactional`, in which case it is the transaction that also records the job as done.
 */
export type JobHandler<P = unknown> = (job: JobContext<P>, em: EntityManager) => Promise<void>;

export interface JobKindOptions {
  /** Attempts before the job becomes a dead letter (a schedule call can still set its own). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at one hour. */
  backoffMs?: number;
  /**
   * How long a claim holds without a heartbeat. The worker renews it every third of it while the
   * handler runs, so it bounds only how long a crashed instance's job waits to run elsewhere.
   */
  leaseMs?: number;
  /**
   * Run the handler inside a transaction that also marks the job done: its database writes
   * commit exactly once with the completion, even if the instance dies mid-run (then nothing
   * commits and another instance runs it again). The handler must then use the given `em` for
   * every query (on SQLite the transaction holds the only connection). Calls to other systems
   * still happen at least once.
   */
  transactional?: boolean;
}

export interface RegisteredJobKind {
  kind: string;
  handler: JobHandler;
  options: JobKindOptions;
}

const KIND_PATTERN = /^[a-z][a-z0-9._:-]{0,99}$/;

/**
 * Job kinds this instance can run, registered by capabilities in `onModuleInit`. The worker only
 * claims kinds registered here, so an instance of an older version leaves newer kinds to others.
 */
@Injectable()
export class JobHandlerRegistry {
  private readonly kinds = new Map<string, RegisteredJobKind>();
  private readonly listeners = new Set<() => void>();

  register<P = unknown>(kind: string, handler: JobHandler<P>, options: JobKindOptions = {}): void {
    if (!KIND_PATTERN.test(kind)) {
      throw new Error(`Job kind "${kind}" must match ${String(KIND_PATTERN)}`);
    }
    if (this.kinds.has(kind))
      throw new Error(`A handler for job kind ${kind} is already registered`);
    for (const [name, value] of Object.entries(options)) {
      if (name !== 'transactional' && (!Number.isInteger(value) || (value as number) < 1)) {
        throw new Error(`Job kind ${kind}: ${name} must be a positive integer`);
      }
    }
    this.kinds.set(kind, { kind, handler: handler as JobHandler, options });
    for (const listener of this.listeners) listener();
  }

  get(kind: string): RegisteredJobKind | undefined {
    return this.kinds.get(kind);
  }

  registeredKinds(): string[] {
    return [...this.kinds.keys()];
  }

  /** Called after each registration (the worker starts claiming a kind registered late). */
  onRegister(listener: () => void): void {
    this.listeners.add(listener);
  }
}
