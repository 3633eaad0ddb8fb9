import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { InjectEnv } from '../config/config.module.js';
import { type Env, EnvValidationError } from '../config/env.js';

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
    super('SMTP is not configured (SMTP_HOST is unset)');
    this.name = 'SmtpNotConfiguredError';
  }
}

/** The address inside `Name <address>`, or the value itself. */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
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

/**
 * Sends transcript e-mails over SMTP (nodemailer, one pooled transport per instance). The server,
 * credentials and sender come from the environment.
 */
@Injectable()
export class TranscriptMailer implements OnModuleDestroy {
  private readonly logger = new Logger(TranscriptMailer.name);
  private readonly transport: Transporter | null;
  readonly from: string | null;

  constructor(@InjectEnv() env: Env) {
    checkSmtpEnv(env);
    this.from = env.SMTP_FROM ?? null;
    this.transport =
      env.SMTP_HOST === undefined
        ? null
        : createTransport({
            host: env.SMTP_HOST,
            port: env.SMTP_PORT,
            secure: env.SMTP_SECURE,
            requireTLS: env.SMTP_REQUIRE_TLS,
            pool: true,
            maxConnections: 2,
            connectionTimeout: env.SMTP_TIMEOUT_MS,
            greetingTimeout: env.SMTP_TIMEOUT_MS,
            socketTimeout: env.SMTP_TIMEOUT_MS,
            ...(env.SMTP_USER === undefined
              ? {}
              : { auth: { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } }),
          });
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** The domain Message-IDs are minted under: the sender's. */
  get domain(): string {
    return addressOf(this.from ?? 'switchboard@localhost').split('@')[1] ?? 'localhost';
  }

  async send(mail: OutgoingTranscript): Promise<void> {
    if (this.transport === null || this.from === null) throw new SmtpNotConfiguredError();
    const info = (await this.transport.sendMail({
      from: this.from,
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
    this.logger.log({ messageId: mail.messageId }, 'transcript e-mail sent');
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
