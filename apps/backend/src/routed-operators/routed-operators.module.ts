import { Module } from '@nestjs/common';
import { BansModule } from '../bans/bans.module.js';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { RoutedOperatorsController } from './routed-operators.controller.js';
import { RoutedOperatorsService } from './routed-operators.service.js';
import { RoutingListener } from './routing.listener.js';

/** Setting 2: the operators a waiting session was routed to, for the queue hover. */
@Module({
  imports: [SettingsModule, HostModule, BansModule],
  controllers: [RoutedOperatorsController],
  providers: [RoutedOperatorsService, RoutingListener],
})
export class RoutedOperatorsModule {}
