import { EntityManager, type EventSubscriber, type TransactionEventArgs } from '@mikro-orm/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';

type Listener = (dueAt: Date) => void;

/**
 * Tells this instance's worker that a job became due (or will be before its next poll), so a
 * timer scheduled for now runs now instead of at the next poll. A job scheduled inside a
 * transaction is not visible until the commit, so the worker is told after the commit (MikroORM's
 * afterTransactionCommit); a rolled-back schedule wakes nobody. Other instances find the job by
 * polling (JOBS_POLL_MS).
 */
@Injectable()
export class JobWakeups implements OnModuleInit, EventSubscriber {
  private listener: Listener | null = null;
  /** Earliest due time scheduled per open transaction, keyed by its transaction context. */
  private readonly pending = new WeakMap<object, Date>();

  constructor(private readonly em: EntityManager) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  listen(listener: Listener | null): void {
    this.listener = listener;
  }

  jobDue(dueAt: Date, em?: EntityManager): void {
    const transaction: unknown = em?.getTransactionContext();
    if (typeof transaction === 'object' && transaction !== null) {
      const known = this.pending.get(transaction);
      if (known === undefined || dueAt < known) this.pending.set(transaction, dueAt);
      return;
    }
    this.listener?.(dueAt);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const transaction: unknown = args.transaction;
    if (typeof transaction !== 'object' || transaction === null) return;
    const dueAt = this.pending.get(transaction);
    if (dueAt === undefined) return;
    this.pending.delete(transaction);
    this.listener?.(dueAt);
  }
}
