import type { EmailThreadState } from './enums.js';

export interface EmailMessage {
  id: number;
  created: string;
  senderAddress: string;
  subject: string;
  body: string;
  direction: 'in' | 'out';
}

export interface EmailThreadOperator {
  userId: number;
  assigned: string;
  unassigned: string | null;
}

export interface EmailThread {
  id: number;
  tenantId: number;
  state: EmailThreadState;
  created: string;
  lastClientMessage: string;
  subject: string;
  clientEmails: string[];
  clientNames: string[];
  inboxAddress: string;
  operators: EmailThreadOperator[];
  messages: EmailMessage[];
  tags: string[];
}
