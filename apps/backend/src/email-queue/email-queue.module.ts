import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { EmailAssignmentService } from './email-assignment.service.js';
import { EmailQueueController } from './email-queue.controller.js';
import { EmailQueueService } from './email-queue.service.js';
import { EmailThreadListener } from './email-thread.listener.js';
import { NextEmailDecider } from './next-email.decider.js';

/**
 * Setting 15: e-mail queue order and assignment. The index of queued threads from the host's
 * thread events, the atomic claim behind the next-e-mail hook, the ordered queue for the panel.
 */
@Module({
  imports: [HostModule, SettingsModule],
  controllers: [EmailQueueController],
  providers: [EmailQueueService, EmailAssignmentService, EmailThreadListener, NextEmailDecider],
  exports: [EmailQueueService],
})
export class EmailQueueModule {}
