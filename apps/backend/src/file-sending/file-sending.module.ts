import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { FileUploadDecider } from './file-upload.decider.js';

/** Setting 11: which files clients may send in web chat, decided in the file-upload hook. */
@Module({ imports: [HostModule, SettingsModule], providers: [FileUploadDecider] })
export class FileSendingModule {}
