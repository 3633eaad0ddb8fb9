import { type Language, translate } from '../common/i18n/translate.js';
import type { ConversationLine } from './conversation.js';
import type { TranscriptBranding } from './transcript-branding.js';

export interface TranscriptInput {
  locale: Language;
  /** IANA zone of the tenant: every time in the e-mail is given in it. */
  timeZone: string;
  branding: TranscriptBranding;
  sessionId: string;
  /** When the conversation began; the first line's time when the host gives none. */
  startedAt: string | null;
  lines: readonly ConversationLine[];
}

export interface RenderedTranscript {
  subject: string;
  html: string;
  text: string;
}

const INTL_LOCALE: Record<Language, string> = { cs: 'cs-CZ', en: 'en-GB' };

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The transcript e-mail of one conversation in the tenant's language and time zone, as HTML and
 * as plain text. Everything from the conversation is escaped; the branding is already safe.
 */
export function renderTranscript(input: TranscriptInput): RenderedTranscript {
  const { locale, timeZone, branding } = input;
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  const start = input.startedAt ?? input.lines[0]?.time ?? new Date().toISOString();
  const date = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(start));
  const clock = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const author = (line: ConversationLine): string =>
    line.from === 'client'
      ? t('transcript.you')
      : (line.authorName ??
        t(line.from === 'chatbot' ? 'transcript.chatbot' : 'transcript.operator'));
  const content = (line: ConversationLine): string =>
    line.kind === 'file' ? t('transcript.file', { name: line.text }) : line.text;

  const subject = t('transcript.subject', { date });
  const intro = t('transcript.intro', { date, sessionId: input.sessionId });
  const zone = t('transcript.time_zone', { timeZone });
  const footer = t('transcript.footer', { productName: branding.productName });

  const textLines = input.lines.map(
    (line) => `[${clock.format(new Date(line.time))}] ${author(line)}: ${content(line)}`,
  );
  const text = [
    t('transcript.heading'),
    '',
    intro,
    zone,
    '',
    ...(textLines.length > 0 ? textLines : [t('transcript.empty')]),
    '',
    t('transcript.reply_hint'),
    '--',
    footer,
    '',
  ].join('\n');

  const rows = input.lines
    .map((line) => {
      const mine = line.from === 'client';
      return (
        `<tr><td style="padding:6px 8px;color:#6b7280;white-space:nowrap;vertical-align:top">` +
        `${escapeHtml(clock.format(new Date(line.time)))}</td>` +
        `<td style="padding:6px 8px;vertical-align:top;font-weight:600;white-space:nowrap;` +
        `color:${mine ? '#111827' : branding.primaryColor}">${escapeHtml(author(line))}</td>` +
        `<td style="padding:6px 8px;vertical-align:top;white-space:pre-wrap">` +
        `${escapeHtml(content(line))}</td></tr>`
      );
    })
    .join('\n');
  const brand =
    branding.logoUrl === null
      ? escapeHtml(branding.productName)
      : `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.productName)}" height="32" style="display:block;border:0">`;
  const html = `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;margin:0 auto;background:#ffffff">
<tr><td style="padding:16px 24px;background:${branding.primaryColor};color:${branding.onPrimaryColor};font-size:20px;font-weight:700">${brand}</td></tr>
<tr><td style="padding:24px">
<h1 style="margin:0 0 12px;font-size:20px">${escapeHtml(t('transcript.heading'))}</h1>
<p style="margin:0 0 4px">${escapeHtml(intro)}</p>
<p style="margin:0 0 16px;color:#6b7280;font-size:13px">${escapeHtml(zone)}</p>
${
  rows === ''
    ? `<p>${escapeHtml(t('transcript.empty'))}</p>`
    : `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;font-size:14px">\n${rows}\n</table>`
}
<p style="margin:24px 0 0;color:#6b7280;font-size:13px">${escapeHtml(t('transcript.reply_hint'))}</p>
</td></tr>
<tr><td style="padding:12px 24px;border-top:1px solid #e5e7eb;color:#9ca3af;font-size:12px">${escapeHtml(footer)}</td></tr>
</table>
</body>
</html>
`;
  return { subject, html, text };
}
