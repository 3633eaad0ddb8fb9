import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { createTransport, type Transporter } from 'nodemailer';
import {
  CACHE_INVALIDATE,
  type CacheInvalidateEvent,
} from '../cluster/cache-invalidation.events.js';
import { InjectEnv } from '../config/config.module.js';
import { type Env, EnvValidationError } from '../config/env.js';
import {
  InstallationService,
  type TenantSmtpRelayConfig,
} from '../installation/installation.service.js';

export interface OutgoingTranscript {
  to: string;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

/** Raised when no SMTP server is configured: retrying cannot help. */
export class SmtpNotConfiguredError extends Error {
  constructor() {
    super('SMTP is not configured (the tenant has no relay and SMTP_HOST is unset)');
    this.name = 'SmtpNotConfiguredError';
  }
}

/** The address inside `Name <address>`, or the value itself. */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/** The service's own relay from SMTP_*, in the shape a tenant's arrives in; null without SMTP_HOST. */
export function envSmtpRelay(env: Env): TenantSmtpRelayConfig | null {
  if (env.SMTP_HOST === undefined || env.SMTP_FROM === undefined) return null;
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    requireTls: env.SMTP_REQUIRE_TLS,
    from: env.SMTP_FROM,
    auth:
      env.SMTP_USER === undefined ? null : { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' },
  };
}

/** Refuses SMTP settings that cannot work, at boot rather than at the first transcript. */
export function checkSmtpEnv(env: Env): void {
  const problems: { variable: string; message: string }[] = [];
  if (env.SMTP_HOST !== undefined && env.SMTP_FROM === undefined) {
    problems.push({ variable: 'SMTP_FROM', message: 'is required when SMTP_HOST is set' });
  }
  if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
    problems.push({
      variable: env.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD',
      message: 'SMTP_USER and SMTP_PASSWORD go together',
    });
  }
  if (problems.length > 0) throw new EnvValidationError(problems);
}

/** Where one tenant's e-mails go: through its own relay, or the service's. */
interface MailRoute {
  relay: 'tenant' | 'env';
  from: string;
  transport: Transporter;
  /** Sends under way; a retired tenant transport is closed when the last one ends. */
  inFlight: number;
  retired: boolean;
}

/** Tenant transports kept at once; the oldest is closed beyond this (it is rebuilt on demand). */
const MAX_TENANT_ROUTES = 1000;

/**
 * Sends transcript e-mails over SMTP (nodemailer, pooled transports). A tenant whose host
 * platform sent an SMTP relay at install (installation/, credentials decrypted from the secret
 * store) gets one transport of its own, built on its first e-mail and kept until
 * `cache.invalidate` says the tenant was reinstalled or uninstalled (on whichever instance:
 * src/cluster/); every other tenant shares the transport of the SMTP_* relay. Nodemailer's logger
 * stays off and only the relay kind is logged: the credentials never reach a log line.
 */
@Injectable()
export class TranscriptMailer implements OnModuleDestroy {
  private readonly logger = new Logger(TranscriptMailer.name);
  private readonly envRoute: MailRoute | null;
  private readonly routes = new Map<string, Promise<MailRoute | null>>();

  constructor(
    @InjectEnv() private readonly env: Env,
    private readonly installation: InstallationService,
  ) {
    checkSmtpEnv(env);
    const relay = envSmtpRelay(env);
    this.envRoute =
      relay === null
        ? null
        : {
            relay: 'env',
            from: relay.from,
            transport: this.transport(relay),
            inFlight: 0,
            retired: false,
          };
  }

  /** Whether the tenant's e-mails can be sent at all (its relay, else the service's). */
  async configuredFor(tenantId: string): Promise<boolean> {
    return (await this.route(tenantId)) !== null;
  }

  /** The domain the tenant's Message-IDs are minted under: its sender's. */
  async domainFor(tenantId: string): Promise<string> {
    const from = (await this.route(tenantId))?.from ?? 'switchboard@localhost';
    return addressOf(from).split('@')[1] ?? 'localhost';
  }

  async send(tenantId: string, mail: OutgoingTranscript): Promise<void> {
    const route = await this.route(tenantId);
    if (route === null) throw new SmtpNotConfiguredError();
    route.inFlight += 1;
    try {
      const info = (await route.transport.sendMail({
        from: route.from,
        to: mail.to,
        ...(mail.replyTo === null ? {} : { replyTo: mail.replyTo }),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      })) as { accepted?: unknown[]; rejected?: unknown[] };
      if ((info.rejected?.length ?? 0) > 0 || (info.accepted?.length ?? 0) === 0) {
        throw new Error('the SMTP server did not accept the recipient');
      }
    } finally {
      route.inFlight -= 1;
      if (route.retired && route.inFlight === 0) route.transport.close();
    }
    this.logger.log(
      { tenantId, relay: route.relay, messageId: mail.messageId },
      'transcript e-mail sent',
    );
  }

  /** A reinstall may bring another relay (or none), an uninstall removes it: rebuild on demand. */
  @OnEvent(CACHE_INVALIDATE)
  onCacheInvalidate(event: CacheInvalidateEvent): void {
    if (event.scope === 'all') for (const tenantId of [...this.routes.keys()]) this.drop(tenantId);
    else if (event.scope === 'tenant') this.drop(event.tenantId);
  }

  onModuleDestroy(): void {
    for (const tenantId of [...this.routes.keys()]) this.drop(tenantId);
    this.envRoute?.transport.close();
  }

  private route(tenantId: string): Promise<MailRoute | null> {
    let route = this.routes.get(tenantId);
    if (route === undefined) {
      if (this.routes.size >= MAX_TENANT_ROUTES) {
        const oldest = this.routes.keys().next();
        if (oldest.done !== true) this.drop(oldest.value);
      }
      route = this.load(tenantId);
      this.routes.set(tenantId, route);
      // A failed load (database down) must not stick.
      const loading = route;
      loading.catch(() => {
        if (this.routes.get(tenantId) === loading) this.routes.delete(tenantId);
      });
    }
    return route;
  }

  private async load(tenantId: string): Promise<MailRoute | null> {
    const relay = await this.installation.smtpRelay(tenantId);
    if (relay === null) return this.envRoute;
    return {
      relay: 'tenant',
      from: relay.from,
      transport: this.transport(relay),
      inFlight: 0,
      retired: false,
    };
  }

  /**
   * Forgets the tenant's route. Its own transport is closed once the sends already handed to it
   * are done (a load still running is closed when it ends); the shared one stays.
   */
  private drop(tenantId: string): void {
    const route = this.routes.get(tenantId);
    if (route === undefined) return;
    this.routes.delete(tenantId);
    void route.then(
      (dropped) => {
        if (dropped === null || dropped.relay === 'env') return;
        dropped.retired = true;
        if (dropped.inFlight === 0) dropped.transport.close();
      },
      () => undefined,
    );
  }

  private transport(relay: TenantSmtpRelayConfig): Transporter {
    return createTransport({
      host: relay.host,
      port: relay.port,
      secure: relay.secure,
      requireTLS: relay.requireTls,
      pool: true,
      maxConnections: 2,
      connectionTimeout: this.env.SMTP_TIMEOUT_MS,
      greetingTimeout: this.env.SMTP_TIMEOUT_MS,
      socketTimeout: this.env.SMTP_TIMEOUT_MS,
      ...(relay.auth === null ? {} : { auth: { user: relay.auth.user, pass: relay.auth.pass } }),
    });
  }
}
