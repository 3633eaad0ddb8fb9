import { EnvValidationError, loadEnv } from '../config/env.js';
import type {
  InstallationService,
  TenantSmtpRelayConfig,
} from '../installation/installation.service.js';
import {
  addressOf,
  checkSmtpEnv,
  envSmtpRelay,
  type OutgoingTranscript,
  TranscriptMailer,
} from './transcript-mailer.js';

/** The installation's relays by tenant, counting the loads the mailer makes. */
function relaySource(relays: Record<string, TenantSmtpRelayConfig>): {
  installation: InstallationService;
  loads: string[];
} {
  const loads: string[] = [];
  const installation = {
    smtpRelay: (tenantId: string) => {
      loads.push(tenantId);
      return Promise.resolve(relays[tenantId] ?? null);
    },
  } as unknown as InstallationService;
  return { installation, loads };
}

const mail: OutgoingTranscript = {
  to: 'a@b.example',
  replyTo: null,
  subject: 's',
  html: 'h',
  text: 't',
  messageId: '<m@x>',
  headers: {},
};

const acmeRelay: TenantSmtpRelayConfig = {
  host: '127.0.0.1',
  port: 2525,
  secure: false,
  requireTls: false,
  from: 'Acme <help@acme.example>',
  auth: { user: 'acme', pass: 'acme-relay-password' },
};

describe('transcript mail settings', () => {
  it('needs a sender with a server, and credentials in pairs', () => {
    expect(() => checkSmtpEnv(loadEnv({ SMTP_HOST: 'smtp.example' }))).toThrow(EnvValidationError);
    expect(() =>
      checkSmtpEnv(loadEnv({ SMTP_FROM: 'a@example.com', SMTP_USER: 'mailer' })),
    ).toThrow(/SMTP_PASSWORD/);
    expect(() =>
      checkSmtpEnv(loadEnv({ SMTP_HOST: 'smtp.example', SMTP_FROM: 'Podpora <a@example.com>' })),
    ).not.toThrow();
  });

  it('refuses a sender that is not an address', () => {
    expect(() => loadEnv({ SMTP_FROM: 'nobody' })).toThrow(/SMTP_FROM/);
  });

  it('reads the service relay from SMTP_*, in the shape a tenant relay has', () => {
    expect(envSmtpRelay(loadEnv({}))).toBeNull();
    expect(
      envSmtpRelay(
        loadEnv({
          SMTP_HOST: 'smtp.example',
          SMTP_PORT: '465',
          SMTP_SECURE: 'true',
          SMTP_USER: 'mailer',
          SMTP_PASSWORD: 'pw',
          SMTP_FROM: 'a@example.com',
        }),
      ),
    ).toEqual({
      host: 'smtp.example',
      port: 465,
      secure: true,
      requireTls: false,
      from: 'a@example.com',
      auth: { user: 'mailer', pass: 'pw' },
    });
  });

  it('mints Message-IDs under the sender domain, and knows when it cannot send', async () => {
    expect(addressOf('Demo podpora <prepisy@demo.example>')).toBe('prepisy@demo.example');
    const unconfigured = new TranscriptMailer(loadEnv({}), relaySource({}).installation);
    expect(await unconfigured.configuredFor('t1')).toBe(false);
    await expect(unconfigured.send('t1', mail)).rejects.toThrow('SMTP is not configured');
    unconfigured.onModuleDestroy();
    const configured = new TranscriptMailer(
      loadEnv({ SMTP_HOST: '127.0.0.1', SMTP_FROM: 'Demo <prepisy@demo.example>' }),
      relaySource({}).installation,
    );
    expect(await configured.configuredFor('t1')).toBe(true);
    expect(await configured.domainFor('t1')).toBe('demo.example');
    configured.onModuleDestroy();
  });
});

describe("a tenant's own SMTP relay", () => {
  it('is used when set, even without a service relay; other tenants have none', async () => {
    const { installation } = relaySource({ acme: acmeRelay });
    const mailer = new TranscriptMailer(loadEnv({}), installation);
    expect(await mailer.configuredFor('acme')).toBe(true);
    expect(await mailer.domainFor('acme')).toBe('acme.example');
    expect(await mailer.configuredFor('other')).toBe(false);
    mailer.onModuleDestroy();
  });

  it('is loaded once, and again after the tenant is reinstalled or everything is dropped', async () => {
    const relays: Record<string, TenantSmtpRelayConfig> = { acme: acmeRelay };
    const { installation, loads } = relaySource(relays);
    const mailer = new TranscriptMailer(
      loadEnv({ SMTP_HOST: '127.0.0.1', SMTP_FROM: 'Demo <prepisy@demo.example>' }),
      installation,
    );
    await mailer.domainFor('acme');
    await mailer.domainFor('acme');
    await mailer.domainFor('other');
    expect(loads).toEqual(['acme', 'other']);

    // Reinstalled without a relay: the service's is used from now on.
    delete relays['acme'];
    mailer.onCacheInvalidate({ scope: 'settings', tenantId: 'acme' });
    expect(await mailer.domainFor('acme')).toBe('acme.example');
    mailer.onCacheInvalidate({ scope: 'tenant', tenantId: 'acme' });
    expect(await mailer.domainFor('acme')).toBe('demo.example');
    expect(loads).toEqual(['acme', 'other', 'acme']);

    mailer.onCacheInvalidate({ scope: 'all', tenantId: null });
    await mailer.domainFor('acme');
    await mailer.domainFor('other');
    expect(loads).toEqual(['acme', 'other', 'acme', 'acme', 'other']);
    mailer.onModuleDestroy();
  });

  it('closes the dropped transport, and does not keep a failed load', async () => {
    let fail = true;
    const installation = {
      smtpRelay: () => (fail ? Promise.reject(new Error('db down')) : Promise.resolve(acmeRelay)),
    } as unknown as InstallationService;
    const mailer = new TranscriptMailer(loadEnv({}), installation);
    await expect(mailer.configuredFor('acme')).rejects.toThrow('db down');
    fail = false;
    expect(await mailer.configuredFor('acme')).toBe(true);

    const routes = (
      mailer as unknown as {
        routes: Map<string, Promise<{ transport: { close(): void } }>>;
      }
    ).routes;
    const route = await routes.get('acme')!;
    const close = jest.spyOn(route.transport, 'close');
    mailer.onCacheInvalidate({ scope: 'tenant', tenantId: 'acme' });
    await Promise.resolve();
    expect(close).toHaveBeenCalledTimes(1);
    mailer.onModuleDestroy();
  });
});
