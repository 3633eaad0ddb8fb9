import { emailThreadModelSchema } from '@switchboard/host-contract';
import { EmailQueueService } from './email-queue.service.js';

const thread = (data: Record<string, unknown>) =>
  emailThreadModelSchema.parse({ id: 42, state: 'InQueue', ...data });

describe('where the host says an e-mail thread is', () => {
  it('is queued while the host has it in its queue and nobody holds it', () => {
    expect(EmailQueueService.placeOf(thread({}))).toEqual({ state: 'queued', userId: null });
    expect(
      EmailQueueService.placeOf(
        thread({
          operators: [
            { userId: 5, assigned: '2026-01-01T00:00:00Z', unassigned: '2026-01-01T01:00:00Z' },
          ],
        }),
      ),
    ).toEqual({ state: 'queued', userId: null });
  });

  it('is held by the operator assigned now, or by nobody once the host is done with it', () => {
    expect(
      EmailQueueService.placeOf(
        thread({ state: 'Accepted', operators: [{ userId: 7, assigned: '2026-01-01T00:00:00Z' }] }),
      ),
    ).toEqual({ state: 'assigned', userId: 7 });
    expect(EmailQueueService.placeOf(thread({ state: 'SentToClient' }))).toEqual({
      state: 'assigned',
      userId: null,
    });
  });
});
