/**
 * Message-IDs of transcript e-mails name the tenant, the session and the request, so that a reply
 * (whose In-Reply-To and References carry the id) can be threaded to the session it answers:
 * `<transcript.{sessionId}.{requestId}.{base64url(tenantId)}@{domain}>`.
 */
export interface TranscriptThread {
  tenantId: string;
  sessionId: string;
  requestId: string;
}

export function transcriptMessageId(thread: TranscriptThread, domain: string): string {
  const tenant = Buffer.from(thread.tenantId, 'utf8').toString('base64url');
  return `<transcript.${thread.sessionId}.${thread.requestId}.${tenant}@${domain}>`;
}

const MESSAGE_ID = /<transcript\.(\d{1,20})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]+)@[^<>\s]+>/i;

/** The session a reply belongs to, from any header that quotes a transcript's Message-ID. */
export function threadOfMessageId(header: string): TranscriptThread | null {
  const match = MESSAGE_ID.exec(header);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return null;
  return {
    sessionId: match[1],
    requestId: match[2].toLowerCase(),
    tenantId: Buffer.from(match[3], 'base64url').toString('utf8'),
  };
}
