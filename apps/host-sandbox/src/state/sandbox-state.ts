import type { Contact } from './contact.model.js';
import type { EmailThread } from './email-thread.model.js';
import type { DeliveryFaults, FaultRule } from './fault.model.js';
import type {
  AccessToken,
  OAuthClient,
  PluginInstallation,
  WebhookRegistration,
} from './integration.model.js';
import type {
  AnonymizationCallRecord,
  DeliveryRecord,
  HookDecisionRecord,
  SettingsNotification,
} from './observation.model.js';
import type { Operator } from './operator.model.js';
import type { Session } from './session.model.js';
import type {
  AbsenceReason,
  CallerId,
  ChatPackage,
  OperatorGroup,
  Tag,
  Tenant,
} from './tenant.model.js';

export interface RuntimeSettings {
  v1Only: boolean;
  hookBudgetMs: number;
  webhookRetryDelayMs: number;
}

/** Everything the host knows; persisted as one JSON snapshot. */
export interface SandboxState {
  schemaVersion: 1;
  counters: Record<string, number>;
  settings: RuntimeSettings;
  tenants: Tenant[];
  packages: ChatPackage[];
  groups: OperatorGroup[];
  operators: Operator[];
  absenceReasons: AbsenceReason[];
  callerIds: CallerId[];
  tags: Tag[];
  sessions: Session[];
  contacts: Contact[];
  emailThreads: EmailThread[];
  webhooks: WebhookRegistration[];
  oauthClients: OAuthClient[];
  tokens: AccessToken[];
  installations: PluginInstallation[];
  deliveries: DeliveryRecord[];
  hookDecisions: HookDecisionRecord[];
  notifications: SettingsNotification[];
  /** Every anonymization call, never trimmed: tests prove each session was anonymized once. */
  anonymizations: AnonymizationCallRecord[];
  faultRules: FaultRule[];
  deliveryFaults: DeliveryFaults;
}

export const STATE_SLICES = [
  'tenants',
  'packages',
  'groups',
  'operators',
  'absenceReasons',
  'callerIds',
  'tags',
  'sessions',
  'contacts',
  'emailThreads',
  'webhooks',
  'oauthClients',
  'installations',
  'deliveries',
  'hookDecisions',
  'notifications',
  'anonymizations',
  'faultRules',
  'deliveryFaults',
  'settings',
] as const satisfies readonly (keyof SandboxState)[];
export type StateSlice = (typeof STATE_SLICES)[number];

export function emptyState(settings: RuntimeSettings): SandboxState {
  return {
    schemaVersion: 1,
    counters: {},
    settings,
    tenants: [],
    packages: [],
    groups: [],
    operators: [],
    absenceReasons: [],
    callerIds: [],
    tags: [],
    sessions: [],
    contacts: [],
    emailThreads: [],
    webhooks: [],
    oauthClients: [],
    tokens: [],
    installations: [],
    deliveries: [],
    hookDecisions: [],
    notifications: [],
    anonymizations: [],
    faultRules: [],
    deliveryFaults: { duplicate: null, shuffle: null, drop: null },
  };
}
