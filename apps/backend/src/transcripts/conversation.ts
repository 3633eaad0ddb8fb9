import type { SessionModel } from '@switchboard/host-contract';

/** One line of a conversation as the client saw it: what transcripts and the client history show. */
export interface ConversationLine {
  time: string;
  /** Who wrote it, from the client's point of view. */
  from: 'client' | 'operator' | 'chatbot';
  /** The operator's first name (never the full name or user id), or the chatbot's name. */
  authorName: string | null;
  kind: 'text' | 'file';
  /** The message text, or the file name. */
  text: string;
}

/** Activities that carry something the client and the operator said to each other. */
const TEXT_ACTIVITIES = new Set([
  'ChatMessage',
  'ChatbotMessage',
  'WelcomeMessage',
  'LastFarewellMessage',
  'ExternalMessage',
]);

/**
 * The conversation of one session, oldest first: messages and shared files, nothing internal
 * (notes, forwards, routing). Anonymized messages (text erased) are left out.
 */
export function conversationOf(session: SessionModel): ConversationLine[] {
  const operatorNames = new Map(
    (session.operators ?? []).map((o) => [o.userId, o.firstName ?? null] as const),
  );
  const chatbotNames = new Map(
    (session.chatbots ?? []).map((c) => [c.chatbotId, c.name ?? null] as const),
  );
  const lines: ConversationLine[] = [];
  for (const activity of session.activities ?? []) {
    const from =
      activity.client === 'Guest'
        ? 'client'
        : activity.client === 'Chatbot' || activity.type === 'ChatbotMessage'
          ? 'chatbot'
          : 'operator';
    const authorName =
      from === 'operator'
        ? (operatorNames.get(activity.userId ?? -1) ?? null)
        : from === 'chatbot'
          ? (chatbotNames.get(activity.chatbotId ?? -1) ?? null)
          : null;
    if (activity.type === 'SharedFile' && activity.file?.name) {
      lines.push({ time: activity.time, from, authorName, kind: 'file', text: activity.file.name });
    } else if (TEXT_ACTIVITIES.has(activity.type) && activity.text) {
      lines.push({ time: activity.time, from, authorName, kind: 'text', text: activity.text });
    }
  }
  return lines.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}
