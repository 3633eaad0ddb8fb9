import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { z } from 'zod';
import { type HostEvent, hostEvent } from '../host/host.events.js';
import { TranscriptsService } from './transcripts.service.js';

const recipientSchema = z.email().max(320);

/**
 * The host's chat-to-mail activity: the client (or an operator for them) asked for the transcript;
 * the activity's text is the address. The activity id makes a repeated delivery one request.
 */
@Injectable()
export class ChatToMailListener {
  private readonly logger = new Logger(ChatToMailListener.name);

  constructor(private readonly transcripts: TranscriptsService) {}

  @OnEvent(hostEvent('SessionActivityChatToMail'), { suppressErrors: false })
  async handle(event: HostEvent<'SessionActivityChatToMail'>): Promise<void> {
    const data = event.envelope.data;
    const recipient = recipientSchema.safeParse(data.text?.trim());
    if (!recipient.success) {
      this.logger.warn(
        { tenantId: event.tenantId, sessionId: data.sessionId, activityId: data.activityId },
        'chat-to-mail activity without a valid address: no transcript',
      );
      return;
    }
    await this.transcripts.request({
      tenantId: event.tenantId,
      sessionId: data.sessionId,
      recipient: recipient.data,
      requestedBy: data.client === 'User' ? 'operator' : 'client',
      requestKey: `activity:${data.activityId}`,
    });
  }
}
