import { Global, Module } from '@nestjs/common';
import { SessionErasureRegistry } from './session-erasure.registry.js';

/** Global so that any capability can register what it must erase when a session is anonymized. */
@Global()
@Module({ providers: [SessionErasureRegistry], exports: [SessionErasureRegistry] })
export class PrivacyModule {}
