import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FileUploadRequest, FileUploadResponse } from '@switchboard/host-contract';
import { type DecisionContext, DecisionHookRegistry } from '../host/decision-hook.registry.js';
import { SettingsCacheService } from '../settings/settings-cache.service.js';
import { decideUpload } from './upload-rules.js';

/**
 * The file-upload hook (setting 11), answered from the per-instance settings cache: no query on
 * a hit, and a settings change applies to the next upload.
 */
@Injectable()
export class FileUploadDecider implements OnModuleInit {
  constructor(
    private readonly registry: DecisionHookRegistry,
    private readonly settings: SettingsCacheService,
  ) {}

  onModuleInit(): void {
    this.registry.register('fileUpload', (request, context) => this.decide(request, context));
  }

  async decide(request: FileUploadRequest, context: DecisionContext): Promise<FileUploadResponse> {
    const packageId = request.packageId == null ? null : String(request.packageId);
    const { values } = (await this.settings.effective(context.tenantId, packageId)).body;
    return decideUpload(values['chat.clientFileSending'], request, context.locale);
  }
}
