import type { FastifyBaseLogger } from 'fastify';
import { nextEmail, receiveEmail } from '../actions/email.actions.js';
import { setOperatorStatus } from '../actions/operator.actions.js';
import { routedOperatorIds } from '../actions/package-status.js';
import { createSession, requestCallback } from '../actions/session-create.actions.js';
import {
  acceptSession,
  endSession,
  guestLeaves,
  sendMessage,
  setGuestConnected,
  uploadFile,
} from '../actions/session-flow.actions.js';
import { SeededRandom } from '../common/random.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { Session } from '../state/session.model.js';
import { DEMO_MESSAGES, OPERATOR_REPLIES, demoGuest, demoPhone } from './demo-guests.js';

export const SCENARIO_ACTIONS = [
  'client_arrives',
  'operator_accepts',
  'message',
  'file',
  'session_ends',
  'queued_client_leaves',
  'connection_blip',
  'status_change',
  'callback',
  'email',
  'next_email',
] as const;
export type ScenarioAction = (typeof SCENARIO_ACTIONS)[number];

const WEIGHTS: Record<ScenarioAction, number> = {
  client_arrives: 4,
  operator_accepts: 3,
  message: 3,
  file: 1,
  session_ends: 2,
  queued_client_leaves: 1,
  connection_blip: 1,
  status_change: 2,
  callback: 1,
  email: 1,
  next_email: 1,
};

export interface ScenarioStep {
  step: number;
  action: ScenarioAction;
  detail: string;
}

/**
 * Drives demo traffic through the same actions as the control API. Each step awaits its hooks
 * before the next starts, so one seed on one starting state gives the same steps and events.
 */
export class ScenarioRunner {
  private random: SeededRandom;
  private counter = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private tenantId: number | null = null;
  readonly log: ScenarioStep[] = [];

  constructor(
    private readonly ctx: SandboxContext,
    private readonly logger: FastifyBaseLogger,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
  }

  reseed(seed: number): void {
    this.random = new SeededRandom(seed);
    this.counter = 0;
    this.log.length = 0;
  }

  get active(): boolean {
    return this.timer !== null;
  }

  start(stepsPerSecond: number, tenantId: number | null): void {
    this.stop();
    this.tenantId = tenantId;
    this.timer = setInterval(
      () => {
        this.running = this.running.then(() =>
          this.step().catch((error: unknown) =>
            this.logger.warn({ err: error }, 'scenario step failed'),
          ),
        );
      },
      Math.max(1, Math.round(1000 / stepsPerSecond)),
    );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async run(steps: number, tenantId: number | null): Promise<ScenarioStep[]> {
    this.tenantId = tenantId;
    const done: ScenarioStep[] = [];
    for (let i = 0; i < steps; i++) done.push(await this.step());
    return done;
  }

  private pickAction(): ScenarioAction {
    const total = SCENARIO_ACTIONS.reduce((sum, a) => sum + WEIGHTS[a], 0);
    let roll = this.random.next() * total;
    for (const action of SCENARIO_ACTIONS) {
      roll -= WEIGHTS[action];
      if (roll < 0) return action;
    }
    return 'client_arrives';
  }

  async step(): Promise<ScenarioStep> {
    const s = this.ctx.store.state;
    const tenantId = this.tenantId ?? s.tenants[0]?.id;
    if (tenantId === undefined) throw new Error('No tenant to run the scenario on: seed first');
    const step = ++this.counter;
    const wanted = this.pickAction();
    let action: ScenarioAction = wanted;
    let detail = await this.perform(wanted, tenantId);
    if (detail === null) {
      action = 'client_arrives';
      detail = `${(await this.perform(action, tenantId)) ?? ''} (instead of ${wanted})`;
    }
    const entry = { step, action, detail } satisfies ScenarioStep;
    this.log.push(entry);
    if (this.log.length > 1000) this.log.shift();
    return entry;
  }

  private sessionsIn(tenantId: number, statuses: Session['status'][]): Session[] {
    return this.ctx.store.state.sessions.filter(
      (x) => x.tenantId === tenantId && statuses.includes(x.status),
    );
  }

  /** Performs one action; null when it has nothing to act on (the step then brings a client). */
  private async perform(action: ScenarioAction, tenantId: number): Promise<string | null> {
    const ctx = this.ctx;
    const s = ctx.store.state;
    const r = this.random;
    switch (action) {
      case 'client_arrives': {
        const pkg = r.pick(s.packages.filter((p) => p.tenantId === tenantId));
        const result = await createSession(ctx, {
          tenantId,
          packageId: pkg?.id ?? null,
          guest: demoGuest(r, s.sessions.length),
          url: 'https://www.demo.example/kontakt',
          message: r.pick(DEMO_MESSAGES) ?? null,
        });
        return `session ${result.session.id} on package ${pkg?.id ?? '-'} ${result.admitted ? 'admitted' : 'refused'}`;
      }
      case 'operator_accepts': {
        const session = r.pick(this.sessionsIn(tenantId, ['IN_QUEUE']));
        const pkg = s.packages.find((p) => p.id === session?.packageId);
        const routed = pkg
          ? routedOperatorIds(s, pkg)
          : s.operators.filter((o) => o.tenantIds.includes(tenantId)).map((o) => o.id);
        const operator = r.pick(
          s.operators.filter((o) => routed.includes(o.id) && o.status === 'ONLINE'),
        );
        if (!session || !operator) return null;
        acceptSession(ctx, session, operator.id);
        return `operator ${operator.id} took session ${session.id}`;
      }
      case 'message': {
        const session = r.pick(this.sessionsIn(tenantId, ['ACTIVE']));
        if (!session) return null;
        const operatorId = session.operators.find((o) => o.left === null)?.userId;
        if (operatorId !== undefined && r.next() < 0.5) {
          sendMessage(ctx, session, {
            from: 'operator',
            userId: operatorId,
            text: r.pick(OPERATOR_REPLIES) ?? 'Ano.',
          });
        } else
          sendMessage(ctx, session, { from: 'guest', text: r.pick(DEMO_MESSAGES) ?? 'Dobrý den.' });
        return `message in session ${session.id}`;
      }
      case 'file': {
        const session = r.pick(this.sessionsIn(tenantId, ['ACTIVE']));
        if (!session) return null;
        const kinds = [
          ['faktura.pdf', 'application/pdf'],
          ['foto.jpg', 'image/jpeg'],
          ['instalace.exe', 'application/octet-stream'],
        ] as const;
        const [name, contentType] = kinds[r.int(kinds.length)] ?? kinds[0];
        const result = await uploadFile(ctx, session, {
          from: 'guest',
          name,
          contentType,
          size: 10_000 + r.int(5_000_000),
        });
        return `file ${name} in session ${session.id} ${result.allowed ? 'accepted' : 'refused'}`;
      }
      case 'session_ends': {
        const session = r.pick(this.sessionsIn(tenantId, ['ACTIVE']));
        if (!session) return null;
        if (r.next() < 0.5) {
          endSession(ctx, session, 'OperatorLeft', session.operators[0]?.userId ?? null);
          return `operator ended session ${session.id}`;
        }
        await guestLeaves(ctx, session);
        return `client left session ${session.id}`;
      }
      case 'queued_client_leaves': {
        const session = r.pick(
          this.sessionsIn(tenantId, ['IN_QUEUE']).filter((x) => x.guest.connected),
        );
        if (!session) return null;
        const result = await guestLeaves(ctx, session);
        return `queued client left session ${session.id}${result.keptQueued ? ' (kept as offline callback)' : ''}`;
      }
      case 'connection_blip': {
        const session = r.pick(this.sessionsIn(tenantId, ['ACTIVE']));
        if (!session) return null;
        setGuestConnected(ctx, session, !session.guest.connected);
        return `client ${session.guest.connected ? 'reconnected to' : 'disconnected from'} session ${session.id}`;
      }
      case 'status_change': {
        const operator = r.pick(s.operators.filter((o) => o.tenantIds.includes(tenantId)));
        if (!operator) return null;
        const roll = r.next();
        const status = roll < 0.5 ? 'ONLINE' : roll < 0.85 ? 'AWAY' : 'OFFLINE';
        const reason =
          status === 'AWAY'
            ? r.pick(s.absenceReasons.filter((x) => x.tenantId === tenantId))
            : undefined;
        setOperatorStatus(ctx, operator, { status, absenceReasonId: reason?.id ?? null });
        return `operator ${operator.id} is ${status}${reason ? ` (${reason.name})` : ''}`;
      }
      case 'callback': {
        const pkg = r.pick(s.packages.filter((p) => p.tenantId === tenantId));
        const result = await requestCallback(ctx, {
          tenantId,
          packageId: pkg?.id ?? null,
          phoneNumber: demoPhone(r),
          guest: demoGuest(r, s.sessions.length),
        });
        return `callback session ${result.session.id} ${result.accepted ? 'accepted' : 'refused'}`;
      }
      case 'email': {
        const n = s.emailThreads.length + 1;
        const thread = receiveEmail(ctx, {
          tenantId,
          from: `zakaznik${n}@example.cz`,
          subject:
            r.pick(['Dotaz k objednávce', 'Reklamace', 'Faktura', 'Změna adresy']) ?? 'Dotaz',
          body: r.pick(DEMO_MESSAGES) ?? '',
        });
        return `e-mail thread ${thread.id} arrived`;
      }
      case 'next_email': {
        const operator = r.pick(
          s.operators.filter((o) => o.tenantIds.includes(tenantId) && o.status === 'ONLINE'),
        );
        const queued = s.emailThreads.some((t) => t.tenantId === tenantId && t.state === 'InQueue');
        if (!operator || !queued) return null;
        const result = await nextEmail(ctx, { tenantId, operatorId: operator.id });
        return `operator ${operator.id} got e-mail thread ${result.thread?.id ?? 'none'}`;
      }
    }
  }

  async close(): Promise<void> {
    this.stop();
    await this.running;
  }
}
