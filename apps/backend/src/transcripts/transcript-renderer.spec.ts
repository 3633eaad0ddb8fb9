import { threadOfMessageId, transcriptMessageId } from './message-id.js';
import { safeBranding, SWITCHBOARD_BRANDING } from './transcript-branding.js';
import { renderTranscript, type TranscriptInput } from './transcript-renderer.js';

const input = (overrides: Partial<TranscriptInput> = {}): TranscriptInput => ({
  locale: 'cs',
  timeZone: 'Europe/Prague',
  branding: SWITCHBOARD_BRANDING,
  sessionId: '4711',
  startedAt: '2026-03-01T22:55:00Z',
  lines: [
    {
      time: '2026-03-01T22:58:00Z',
      from: 'client',
      authorName: null,
      kind: 'text',
      text: 'Dobrý den <b>!</b>',
    },
    {
      time: '2026-03-01T23:01:00Z',
      from: 'operator',
      authorName: 'Jana',
      kind: 'text',
      text: 'Dobrý den, jak pomohu?',
    },
    {
      time: '2026-03-01T23:02:00Z',
      from: 'client',
      authorName: null,
      kind: 'file',
      text: 'smlouva.pdf',
    },
  ],
  ...overrides,
});

describe('transcript rendering', () => {
  it('writes Czech with the times and the date of the tenant time zone', () => {
    const rendered = renderTranscript(input());
    // 22:55 UTC on 1 March is 23:55 in Prague; 23:01 UTC is already 2 March there.
    expect(rendered.subject).toBe('Přepis vaší konverzace ze dne 1. března 2026');
    expect(rendered.text).toContain('[23:58] Vy: Dobrý den <b>!</b>');
    expect(rendered.text).toContain('[00:01] Jana: Dobrý den, jak pomohu?');
    expect(rendered.text).toContain('[00:02] Vy: Soubor: smlouva.pdf');
    expect(rendered.text).toContain('Časy jsou uvedeny v časovém pásmu Europe/Prague.');
    expect(rendered.html).toContain('<html lang="cs">');
    expect(rendered.html).toContain('Dobrý den &lt;b&gt;!&lt;/b&gt;');
    expect(rendered.html).not.toContain('<b>!</b>');
  });

  it('writes English in another zone', () => {
    const rendered = renderTranscript(input({ locale: 'en', timeZone: 'America/New_York' }));
    expect(rendered.subject).toBe('Transcript of your conversation on 1 March 2026');
    expect(rendered.text).toContain('[17:58] You: Dobrý den <b>!</b>');
    expect(rendered.text).toContain('[18:01] Jana: Dobrý den, jak pomohu?');
    expect(rendered.text).toContain('You can reply to this e-mail.');
  });

  it('says so when there is nothing to transcribe, and names an operator without a name by role', () => {
    const empty = renderTranscript(input({ lines: [] }));
    expect(empty.text).toContain('Konverzace neobsahuje žádné zprávy.');
    const anonymous = renderTranscript(
      input({
        locale: 'en',
        lines: [
          {
            time: '2026-03-01T22:58:00Z',
            from: 'operator',
            authorName: null,
            kind: 'text',
            text: 'Hi',
          },
        ],
      }),
    );
    expect(anonymous.text).toContain('Operator: Hi');
  });

  it('shows the partner brand, and never markup smuggled into a partner record', () => {
    const branded = renderTranscript(
      input({
        branding: safeBranding({
          productName: 'Helpdesk+',
          logoUrl: 'https://cdn.partner.example/logo.png',
          primaryColor: '#aa0000',
        }),
      }),
    );
    expect(branded.html).toContain('src="https://cdn.partner.example/logo.png" alt="Helpdesk+"');
    expect(branded.html).toContain('background:#aa0000');
    expect(branded.text).toContain('Odesláno službou Helpdesk+');
    expect(
      safeBranding({
        productName: '  ',
        logoUrl: 'javascript:alert(1)',
        primaryColor: 'red;background:url(x)',
      }),
    ).toEqual(SWITCHBOARD_BRANDING);
  });
});

describe('transcript Message-IDs', () => {
  it('name the tenant, session and request, and are read back from a reply header', () => {
    const thread = {
      tenantId: 'tenant.A-1',
      sessionId: '123456789012',
      requestId: '0b5c2f0e-8f3a-4d8e-9c4b-1f2e3d4c5b6a',
    };
    const id = transcriptMessageId(thread, 'mail.example');
    expect(id).toMatch(/^<transcript\.123456789012\.0b5c2f0e-[^@]+@mail\.example>$/);
    expect(threadOfMessageId(`<other@x> ${id}`)).toEqual(thread);
    expect(threadOfMessageId('<unrelated@example.com>')).toBeNull();
  });
});
