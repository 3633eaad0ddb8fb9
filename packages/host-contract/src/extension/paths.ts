/**
 * Every path of the extension, in one place. Host paths are relative to the tenant's
 * `hostApiBaseUrl` (e.g. `https://host.example/api/v1`), so `/extension/caller-ids` is
 * `https://host.example/api/v1/extension/caller-ids`. Switchboard paths are relative to
 * Switchboard's public base URL. `{name}` segments are path parameters.
 */
export const EXTENSION_PATHS = {
  host: {
    packages: '/extension/packages',
    packageStatus: '/extension/packages/{packageId}/status',
    routingTimeline: '/extension/sessions/{sessionId}/routing-timeline',
    endSession: '/extension/sessions/{sessionId}/end',
    anonymizeSession: '/extension/sessions/{sessionId}/anonymize',
    deleteSessionFiles: '/extension/sessions/{sessionId}/files/delete',
    callerIds: '/extension/caller-ids',
    absenceReasons: '/extension/absence-reasons',
    assignEmailThread: '/extension/email-threads/{threadId}/assign',
    entitlements: '/extension/entitlements',
    settingsUpdated: '/extension/settings-updated',
  },
  switchboard: {
    install: '/install',
    uninstall: '/uninstall',
    webhooks: '/webhooks/{tenantId}',
    hooks: {
      sessionAdmission: '/hooks/session-admission',
      fileUpload: '/hooks/file-upload',
      callbackRequest: '/hooks/callback-request',
      clientLeftQueue: '/hooks/client-left-queue',
      outboundCall: '/hooks/outbound-call',
      avStart: '/hooks/av-start',
      nextEmail: '/hooks/next-email',
    },
  },
} as const;

/** v1 paths Switchboard calls, relative to `hostApiBaseUrl` (`https://host.example/api/v1`). */
export const V1_PATHS = {
  sessions: '/Sessions',
  session: '/Sessions/{sessionId}',
  sessionCallParams: '/Sessions/{sessionId}/callparams',
  sessionAnonymize: '/Sessions/{sessionId}/anonymize',
  /** Ends a session (termination reason `SessionApiCall`); the v1-only fallback of `endSession`. */
  sessionEnd: '/Sessions/{sessionId}/end',
  sessionFiles: '/Sessions/{sessionId}/files',
  users: '/Users',
  user: '/Users/{userId}',
  operatorStates: '/Users/operatorStates',
  groups: '/Groups',
  /** Widget presets (`Widgets/WidgetPresetModel`); path unconfirmed, the models are public. */
  widgets: '/Widgets',
  /** Show or hide a widget's chat button (`UpdateChatButtonModel`); path unconfirmed. */
  widgetChatButton: '/Widgets/{widgetId}/chatButton',
  emailThreads: '/EmailThreads',
  emailThread: '/EmailThreads/{threadId}',
  emailThreadParams: '/EmailThreads/{threadId}/params',
  contacts: '/Contacts',
  contact: '/Contacts/{contactId}',
  webhooks: '/Webhooks',
  webhook: '/Webhooks/{webhookId}',
} as const;

/** Fills `{name}` segments, URL-encoding each value. Throws on a missing parameter. */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
}
