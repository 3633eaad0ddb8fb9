/** One webhook event on its way to one registration, with every attempt. */
export interface DeliveryRecord {
  id: number;
  eventId: string;
  webhookId: number;
  tenantId: number | null;
  eventType: string;
  entityKey: string;
  url: string;
  mode: 'signed' | 'v1';
  body: string;
  attempts: { at: string; status: number | null; error: string | null }[];
  outcome: 'pending' | 'delivered' | 'dropped' | 'fault_dropped';
  /** Extra copy made by the duplicate-delivery fault. */
  duplicateOf: number | null;
  createdAt: string;
}

export interface HookDecisionRecord {
  id: number;
  tenantId: number;
  /** A DECISION_HOOKS key of the contract (sessionAdmission, fileUpload, …). */
  hook: string;
  request: unknown;
  response: unknown;
  decision: unknown;
  usedDefault: boolean;
  /** Why the default applied: timeout, error, bad status, invalid answer, no plugin. */
  defaultReason:
    'timeout' | 'error' | 'http_status' | 'invalid_response' | 'not_installed' | 'v1_only' | null;
  latencyMs: number;
  at: string;
}

/** A settings.updated notification Switchboard sent to the host. */
export interface SettingsNotification {
  id: number;
  tenantId: string;
  version: number | null;
  changedKeys: string[];
  packageIds: string[];
  webhookId: string | null;
  verified: boolean;
  receivedAt: string;
  body: unknown;
}

/** One anonymization call a plugin made (extension by category, or the v1 whole-session call). */
export interface AnonymizationCallRecord {
  id: number;
  tenantId: number;
  sessionId: number;
  via: 'extension' | 'v1';
  categories: string[];
  /** Per category: ANONYMIZED (something was erased now), ALREADY_ANONYMIZED, NOTHING_TO_ANONYMIZE. */
  results: { category: string; outcome: string; itemCount: number }[];
  at: string;
}
