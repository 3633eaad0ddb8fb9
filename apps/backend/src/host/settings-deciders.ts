import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  AvStartRequest,
  AvStartResponse,
  FileUploadRequest,
  FileUploadResponse,
  OutboundCallRequest,
  OutboundCallResponse,
} from '@switchboard/host-contract';
import { translate } from '../common/i18n/translate.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { type DecisionContext, DecisionHookRegistry } from './decision-hook.registry.js';

const MEGABYTE = 1024 * 1024;

function packageKey(packageId: number | null | undefined): string | null {
  return packageId === null || packageId === undefined ? null : String(packageId);
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Digits with an optional leading +, after dropping the usual separators. */
function normalizedNumber(text: string): string | null {
  const compact = text.replace(/[\s().-]/g, '');
  return /^\+?\d{3,15}$/.test(compact) ? compact : null;
}

/**
 * The decision hooks whose answer follows from the tenant's effective settings alone, read from
 * the per-instance settings cache (no query on a hit; a settings change applies to the next call).
 * Entitlements are already folded into the effective values: an unlicensed setting reads as its
 * default.
 */
@Injectable()
export class SettingsDeciders implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly settings: SettingsCacheService,
  ) {}

  onModuleInit(): void {
    this.registry.register('fileUpload', (request, context) => this.fileUpload(request, context));
    this.registry.register('avStart', (request, context) => this.avStart(request, context));
    this.registry.register('outboundCall', (request, context) =>
      this.outboundCall(request, context),
    );
  }

  /** Setting 11: client uploads off, extension not allowed, or larger than the limit. */
  async fileUpload(
    request: FileUploadRequest,
    context: DecisionContext,
  ): Promise<FileUploadResponse> {
    // The setting governs what clients send; operators' files are the host's business.
    if (request.uploader !== 'guest') return { decision: 'allow' };
    const { values } = (
      await this.settings.effective(context.tenantId, packageKey(request.packageId))
    ).body;
    const setting = values['chat.clientFileSending'];
    if (!setting.enabled) {
      return {
        decision: 'refuse',
        reason: 'client_file_sending_disabled',
        message: translate(context.locale, 'hooks.file_upload.disabled'),
      };
    }
    const allowed = setting.allowedExtensions;
    if (allowed !== undefined && !allowed.includes(extensionOf(request.fileName))) {
      return {
        decision: 'refuse',
        reason: 'file_type_not_allowed',
        message: translate(context.locale, 'hooks.file_upload.type_not_allowed', {
          extensions: allowed.join(', '),
        }),
      };
    }
    if (setting.maxSizeMb !== undefined && request.sizeBytes > setting.maxSizeMb * MEGABYTE) {
      return {
        decision: 'refuse',
        reason: 'file_too_large',
        message: translate(context.locale, 'hooks.file_upload.too_large', {
          maxSizeMb: setting.maxSizeMb,
        }),
      };
    }
    return { decision: 'allow' };
  }

  /** Setting 6: record when the package (or tenant) has AV recording on and licensed. */
  async avStart(request: AvStartRequest, context: DecisionContext): Promise<AvStartResponse> {
    const { values } = (
      await this.settings.effective(context.tenantId, packageKey(request.packageId))
    ).body;
    return { record: values['chat.avRecording'] };
  }

  /**
   * Setting 5: off (or unlicensed) → the host's default; a requested caller ID must be one of the
   * allowed numbers; none requested → the tenant's default number.
   */
  async outboundCall(
    request: OutboundCallRequest,
    context: DecisionContext,
  ): Promise<OutboundCallResponse> {
    const { values } = (await this.settings.effective(context.tenantId, null)).body;
    const setting = values['phone.callerIdSelection'];
    if (!setting.enabled) return { decision: 'host_default' };
    if (normalizedNumber(request.phoneNumber) === null) {
      return {
        decision: 'refused',
        reason: 'invalid_number',
        message: translate(context.locale, 'hooks.outbound_call.invalid_number'),
      };
    }
    const requested = request.requestedCallerId ?? null;
    if (requested === null || requested.trim() === '') {
      return setting.defaultNumber === null
        ? { decision: 'host_default' }
        : { decision: 'substituted', callerId: setting.defaultNumber };
    }
    const normalized = normalizedNumber(requested);
    if (normalized !== null && setting.allowedNumbers.includes(normalized)) {
      return { decision: 'chosen', callerId: normalized };
    }
    return {
      decision: 'refused',
      reason: 'caller_id_not_allowed',
      message: translate(context.locale, 'hooks.outbound_call.caller_id_not_allowed'),
    };
  }
}
