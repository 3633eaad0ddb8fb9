import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AvStartDecider } from './av-start.decider.js';
import { RecordingProcessingListener } from './recording-processing.listener.js';
import { RecordingsController } from './recordings.controller.js';
import { RecordingsService } from './recordings.service.js';

/** Setting 6: whether AV sessions are recorded (AV-start hook) and the Recordings tab's list. */
@Module({
  imports: [HostModule, SettingsModule],
  controllers: [RecordingsController],
  providers: [AvStartDecider, RecordingsService, RecordingProcessingListener],
})
export class RecordingsModule {}
