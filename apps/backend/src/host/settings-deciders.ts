import { Injectable } from '@nestjs/common';

/**
 * Formerly the decision hooks answered from settings alone. Every decider has moved to its
 * capability module (file upload, AV start, and the outbound call in `caller-id/`); this provider
 * registers nothing and can go.
 */
@Injectable()
export class SettingsDeciders {}
