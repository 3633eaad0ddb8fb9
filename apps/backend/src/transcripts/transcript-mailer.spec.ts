import { EnvValidationError, loadEnv } from '../config/env.js';
import { addressOf, checkSmtpEnv, TranscriptMailer } from './transcript-mailer.js';

describe('transcript mail settings', () => {
  it('needs a sender with a server, and credentials in pairs', () => {
    expect(() => checkSmtpEnv(loadEnv({ SMTP_HOST: 'smtp.example' }))).toThrow(EnvValidationError);
    expect(() =>
      checkSmtpEnv(loadEnv({ SMTP_FROM: 'a@example.com', SMTP_USER: 'mailer' })),
    ).toThrow(/SMTP_PASSWORD/);
    expect(() =>
      checkSmtpEnv(loadEnv({ SMTP_HOST: 'smtp.example', SMTP_FROM: 'Podpora <a@example.com>' })),
    ).not.toThrow();
  });

  it('refuses a sender that is not an address', () => {
    expect(() => loadEnv({ SMTP_FROM: 'nobody' })).toThrow(/SMTP_FROM/);
  });

  it('mints Message-IDs under the sender domain, and knows when it cannot send', async () => {
    expect(addressOf('Demo podpora <prepisy@demo.example>')).toBe('prepisy@demo.example');
    const unconfigured = new TranscriptMailer(loadEnv({}));
    expect(unconfigured.configured).toBe(false);
    await expect(
      unconfigured.send({
        to: 'a@b.example',
        replyTo: null,
        subject: 's',
        html: 'h',
        text: 't',
        messageId: '<m@x>',
        headers: {},
      }),
    ).rejects.toThrow('SMTP is not configured');
    const configured = new TranscriptMailer(
      loadEnv({ SMTP_HOST: '127.0.0.1', SMTP_FROM: 'Demo <prepisy@demo.example>' }),
    );
    expect(configured.domain).toBe('demo.example');
    configured.onModuleDestroy();
  });
});
