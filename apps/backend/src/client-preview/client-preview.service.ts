import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type ClientPreview as PreviewAnswer,
  type GuestBrowserType,
  type GuestOsType,
} from '@switchboard/host-contract';
import type { PreviewField } from '@switchboard/settings-model';
import { ApiError } from '../common/errors/api-error.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { ClientPreview } from './client-preview.entity.js';
import { detectDevice, type DeviceType } from './device-detection.js';
import { GeoIpCountry } from './geoip-country.js';

/** Everything a preview can show; the setting picks which fields are served. */
export interface PreviewFacts {
  deviceType: DeviceType;
  os: string | null;
  browser: string | null;
  country: string;
  language: string | null;
}

/** What the host knows of a waiting client, in either the hook's or the v1 session's shape. */
export interface GuestFacts {
  ipAddress?: string | null;
  userAgent?: string | null;
  os?: GuestOsType | null;
  browser?: GuestBrowserType | null;
  language?: string | null;
}

export interface PreviewView {
  sessionId: string;
  preview: PreviewAnswer;
  /** The fields the tenant's setting selects now. */
  fields: PreviewField[];
}

const MAX_LANGUAGE = 35;

/** Only the selected fields, each present only when known. */
export function selectFields(facts: PreviewFacts, fields: readonly PreviewField[]): PreviewAnswer {
  const preview: PreviewAnswer = {};
  for (const field of fields) {
    const value = facts[field];
    if (value === null) continue;
    switch (field) {
      case 'deviceType':
        preview.deviceType = facts.deviceType;
        break;
      case 'country':
        preview.country = facts.country;
        break;
      case 'os':
      case 'browser':
      case 'language':
        preview[field] = value;
        break;
    }
  }
  return preview;
}

/**
 * Setting 1, the waiting-client preview: device type, OS and browser (user agent, else v1's
 * enums), country (offline GeoIP) and language. Derived in memory for the admission answer;
 * stored per session (without the IP) when SessionCreated arrives.
 */
@Injectable()
export class ClientPreviewService implements OnModuleInit {
  private readonly logger = new Logger(ClientPreviewService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly settings: SettingsCacheService,
    private readonly hosts: HostApiClientFactory,
    private readonly geo: GeoIpCountry,
    private readonly erasure: SessionErasureRegistry,
  ) {}

  onModuleInit(): void {
    this.erasure.register('client-preview', async ({ tenantId, sessionId }, em) => ({
      category: 'preview',
      erased: await em.nativeDelete(ClientPreview, { tenant: tenantId, sessionId }),
    }));
  }

  derive(guest: GuestFacts): PreviewFacts {
    const device = detectDevice(guest);
    const language = guest.language?.trim().slice(0, MAX_LANGUAGE) ?? '';
    return {
      ...device,
      country: this.geo.country(guest.ipAddress),
      language: language === '' ? null : language,
    };
  }

  /** The fields the setting selects, or null while the preview is off. */
  async selectedFields(tenantId: string): Promise<PreviewField[] | null> {
    const { values } = (await this.settings.effective(tenantId, null)).body;
    const setting = values['general.waitingClientPreview'];
    return setting.enabled ? [...setting.fields] : null;
  }

  /** For the admission answer: computed from the hook's guest facts, nothing stored. */
  async forAdmission(tenantId: string, guest: GuestFacts): Promise<PreviewAnswer | null> {
    const fields = await this.selectedFields(tenantId);
    return fields === null ? null : selectFields(this.derive(guest), fields);
  }

  /**
   * SessionCreated: fetch the session and store its preview, whatever the setting says now, so
   * that turning the preview on shows it for clients already waiting.
   */
  async recordSession(tenantId: string, sessionId: string): Promise<void> {
    await this.fetchAndStore(tenantId, sessionId);
  }

  /**
   * The preview served to the host's queue UI; 404 `preview_disabled` while the setting is off,
   * 404 `not_found` for a session Switchboard has not seen created.
   */
  async read(tenantId: string, sessionId: string): Promise<PreviewView> {
    const fields = await this.selectedFields(tenantId);
    if (fields === null) {
      throw new ApiError({
        status: 404,
        code: 'preview_disabled',
        messageKey: 'client_preview.disabled',
      });
    }
    const stored = await this.em.fork().findOne(ClientPreview, { tenant: tenantId, sessionId });
    if (stored === null) throw ApiError.notFound();
    return { sessionId, preview: selectFields(stored, fields), fields };
  }

  private async fetchAndStore(tenantId: string, sessionId: string): Promise<void> {
    const client = await this.hosts.forTenant(tenantId);
    const session = await client.findSession(sessionId);
    if (session === null) {
      // Gone from the host already: nothing waits in the queue to preview.
      this.logger.debug({ tenantId, sessionId }, 'Session unknown to the host; no preview');
      return;
    }
    const guest: GuestFacts = session.guest ?? {};
    const facts = this.derive(guest);
    await this.em
      .fork()
      .upsert(
        ClientPreview,
        { tenant: tenantId, sessionId, ...facts, derivedAt: new Date() },
        { onConflictFields: ['tenant', 'sessionId'] },
      );
    this.logger.debug({ tenantId, sessionId }, 'Stored the waiting-client preview');
  }
}
