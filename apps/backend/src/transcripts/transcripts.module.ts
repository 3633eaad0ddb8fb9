import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { PartnersModule } from '../partners/partners.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ChatToMailListener } from './chat-to-mail.listener.js';
import { TranscriptBrandingSource } from './transcript-branding.js';
import { TranscriptMailer } from './transcript-mailer.js';
import { TranscriptSessionEndedListener } from './transcript-session-ended.listener.js';
import { TranscriptsController } from './transcripts.controller.js';
import { TranscriptsService } from './transcripts.service.js';

/**
 * Setting 8: transcript e-mails over SMTP with the Reply-To the tenant chose, branded with the
 * tenant's partner theme (`TranscriptBrandingSource`).
 */
@Module({
  imports: [HostModule, PartnersModule, SettingsModule],
  controllers: [TranscriptsController],
  providers: [
    TranscriptMailer,
    TranscriptBrandingSource,
    TranscriptsService,
    ChatToMailListener,
    TranscriptSessionEndedListener,
  ],
  exports: [TranscriptsService, TranscriptBrandingSource],
})
export class TranscriptsModule {}
