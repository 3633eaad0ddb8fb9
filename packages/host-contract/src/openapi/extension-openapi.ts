import { z } from 'zod';
import { CAPABILITIES } from '../extension/capabilities.js';
import { DECISION_HOOKS, HOOK_NAMES } from '../extension/decision-hooks.js';
import { EXTENSION_EVENT_TYPES } from '../extension/extension-event-types.js';
import {
  packageListSchema,
  packageStatusResponseSchema,
  setPackageStatusRequestSchema,
} from '../extension/packages.js';
import { EXTENSION_PATHS } from '../extension/paths.js';
import {
  anonymizeSessionRequestSchema,
  anonymizeSessionResponseSchema,
  deleteFilesRequestSchema,
  deleteFilesResponseSchema,
  endSessionRequestSchema,
  endSessionResponseSchema,
  routingTimelineResponseSchema,
} from '../extension/session-actions.js';
import {
  absenceReasonListSchema,
  assignEmailThreadRequestSchema,
  assignEmailThreadResponseSchema,
  callerIdListSchema,
  emailThreadAlreadyAssignedSchema,
} from '../extension/tenant-resources.js';
import {
  entitlementsResponseSchema,
  extensionErrorSchema,
  installRequestSchema,
  installResponseSchema,
  settingsUpdatedNotificationSchema,
  uninstallRequestSchema,
} from '../extension/tenant.js';
import { SIGNATURE_HEADERS } from '../signing/standard-webhooks.js';
import {
  avActivityPayloadSchema,
  emailThreadOperatorPayloadSchema,
  sessionActivityGenericPayloadSchema,
  sessionIdPayloadSchema,
  sessionOperatorPayloadSchema,
} from '../v1/webhook-payloads.js';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-type.js';
import { WEBHOOK_PAYLOAD_SCHEMAS } from '../webhook-envelope.js';

/*
 * The OpenAPI 3.1 document of the plugin extension, generated from the zod schemas so the two
 * cannot drift. Schemas are rendered in their wire (input) form: ids as number-or-string, enums as
 * strings with their known values as examples.
 */

type JsonObject = Record<string, unknown>;

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths: Record<string, JsonObject>;
  webhooks: Record<string, JsonObject>;
  components: JsonObject;
}

function jsonSchema(schema: z.ZodType): JsonObject {
  const generated = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    // `format: date-time` says it all; zod's long validation regex would only bloat the document.
    override: (ctx) => {
      if (ctx.jsonSchema.format === 'date-time') delete ctx.jsonSchema.pattern;
    },
  }) as JsonObject;
  delete generated['$schema'];
  return generated;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

const json = (name: string): JsonObject => ({
  content: { 'application/json': { schema: ref(name) } },
});

const pathParam = (name: string, description: string, integer = false): JsonObject => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: integer ? { type: 'integer' } : { type: 'string' },
});

const sessionIdParam = pathParam('sessionId', '64-bit session id.');

const errorResponses = {
  '400': { description: 'Invalid request.', ...json('ExtensionError') },
  '401': { description: 'Missing or invalid credentials.', ...json('ExtensionError') },
  '404': {
    description: 'Not found (or the tenant lacks the capability).',
    ...json('ExtensionError'),
  },
};

const signedParams = [
  { $ref: '#/components/parameters/WebhookId' },
  { $ref: '#/components/parameters/WebhookTimestamp' },
  { $ref: '#/components/parameters/WebhookSignature' },
];

const switchboardServers = [
  {
    url: '{switchboardBaseUrl}',
    description: "Switchboard's public base URL.",
    variables: { switchboardBaseUrl: { default: 'https://switchboard.example' } },
  },
];

const hostSecurity = [{ hostOAuth: [] }];

const idempotencyKeyParam = { $ref: '#/components/parameters/IdempotencyKey' };

function envelopeSchemaName(eventType: string): string {
  return `${eventType}Envelope`;
}

export function buildExtensionOpenApi(): OpenApiDocument {
  const schemas: Record<string, JsonObject> = {};
  const add = (name: string, schema: z.ZodType): void => {
    schemas[name] = jsonSchema(schema);
  };

  add('ExtensionError', extensionErrorSchema);
  add('PackageList', packageListSchema);
  add('SetPackageStatusRequest', setPackageStatusRequestSchema);
  add('PackageStatusResponse', packageStatusResponseSchema);
  add('RoutingTimelineResponse', routingTimelineResponseSchema);
  add('EndSessionRequest', endSessionRequestSchema);
  add('EndSessionResponse', endSessionResponseSchema);
  add('AnonymizeSessionRequest', anonymizeSessionRequestSchema);
  add('AnonymizeSessionResponse', anonymizeSessionResponseSchema);
  add('DeleteFilesRequest', deleteFilesRequestSchema);
  add('DeleteFilesResponse', deleteFilesResponseSchema);
  add('CallerIdList', callerIdListSchema);
  add('AbsenceReasonList', absenceReasonListSchema);
  add('AssignEmailThreadRequest', assignEmailThreadRequestSchema);
  add('AssignEmailThreadResponse', assignEmailThreadResponseSchema);
  add('EmailThreadAlreadyAssigned', emailThreadAlreadyAssignedSchema);
  add('EntitlementsResponse', entitlementsResponseSchema);
  add('SettingsUpdatedNotification', settingsUpdatedNotificationSchema);
  add('InstallRequest', installRequestSchema);
  add('InstallResponse', installResponseSchema);
  add('UninstallRequest', uninstallRequestSchema);
  add('Capability', z.enum(CAPABILITIES));

  for (const name of HOOK_NAMES) {
    const hook = DECISION_HOOKS[name];
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    add(`${title}HookRequest`, hook.request);
    add(`${title}HookResponse`, hook.response);
  }

  // Payload schemas shared by several event types are rendered once and referenced.
  const sharedPayloadNames = new Map<z.ZodType, string>([
    [sessionActivityGenericPayloadSchema, 'SessionActivityGenericPayload'],
    [sessionOperatorPayloadSchema, 'SessionOperatorPayload'],
    [sessionIdPayloadSchema, 'SessionIdPayload'],
    [emailThreadOperatorPayloadSchema, 'EmailThreadOperatorPayload'],
    [avActivityPayloadSchema, 'AvActivityPayload'],
  ]);
  const eventTypes = [...WEBHOOK_EVENT_TYPES, ...EXTENSION_EVENT_TYPES];
  for (const eventType of eventTypes) {
    const payload: z.ZodType = WEBHOOK_PAYLOAD_SCHEMAS[eventType];
    const payloadName = sharedPayloadNames.get(payload) ?? `${eventType}Payload`;
    if (!schemas[payloadName]) add(payloadName, payload);
    schemas[envelopeSchemaName(eventType)] = {
      type: 'object',
      properties: { eventType: { const: eventType }, data: ref(payloadName) },
      required: ['eventType', 'data'],
    };
  }
  schemas['WebhookEnvelope'] = {
    description:
      'Any delivery. `eventType` is matched case-insensitively; an unknown event type is accepted and parked, never refused.',
    oneOf: eventTypes.map((eventType) => ref(envelopeSchemaName(eventType))),
  };

  const host = EXTENSION_PATHS.host;
  const sb = EXTENSION_PATHS.switchboard;
  const paths: Record<string, JsonObject> = {
    [host.packages]: {
      get: {
        tags: ['host'],
        operationId: 'listPackages',
        summary: 'Packages of the tenant with the operator groups each routes to (packageStatus).',
        security: hostSecurity,
        responses: {
          '200': { description: 'The packages.', ...json('PackageList') },
          ...errorResponses,
        },
      },
    },
    [host.packageStatus]: {
      put: {
        tags: ['host'],
        operationId: 'setPackageStatus',
        summary: 'Force a package online, busy or offline with a reason (packageStatus).',
        security: hostSecurity,
        parameters: [pathParam('packageId', 'Package id.', true), idempotencyKeyParam],
        requestBody: { required: true, ...json('SetPackageStatusRequest') },
        responses: {
          '200': { description: 'The status now in force.', ...json('PackageStatusResponse') },
          ...errorResponses,
        },
      },
    },
    [host.routingTimeline]: {
      get: {
        tags: ['host'],
        operationId: 'getRoutingTimeline',
        summary:
          'Which groups and operators the session was offered to, oldest first (routingTimeline).',
        security: hostSecurity,
        parameters: [sessionIdParam],
        responses: {
          '200': { description: 'The timeline.', ...json('RoutingTimelineResponse') },
          ...errorResponses,
        },
      },
    },
    [host.endSession]: {
      post: {
        tags: ['host'],
        operationId: 'endSession',
        summary: 'End a session with a reason; idempotent (endSession).',
        security: hostSecurity,
        parameters: [sessionIdParam, idempotencyKeyParam],
        requestBody: { required: true, ...json('EndSessionRequest') },
        responses: {
          '200': { description: 'Ended, or already ended.', ...json('EndSessionResponse') },
          ...errorResponses,
        },
      },
    },
    [host.anonymizeSession]: {
      post: {
        tags: ['host'],
        operationId: 'anonymizeSessionCategories',
        summary:
          'Anonymize chosen categories of one session; one result per category (anonymizeByCategory).',
        security: hostSecurity,
        parameters: [sessionIdParam, idempotencyKeyParam],
        requestBody: { required: true, ...json('AnonymizeSessionRequest') },
        responses: {
          '200': { description: 'Per-category results.', ...json('AnonymizeSessionResponse') },
          ...errorResponses,
        },
      },
    },
    [host.deleteSessionFiles]: {
      post: {
        tags: ['host'],
        operationId: 'deleteSessionFiles',
        summary:
          'Delete the files of a session (all when fileIds is absent), per-file result (deleteFiles).',
        security: hostSecurity,
        parameters: [sessionIdParam, idempotencyKeyParam],
        requestBody: { required: true, ...json('DeleteFilesRequest') },
        responses: {
          '200': { description: 'Per-file results.', ...json('DeleteFilesResponse') },
          ...errorResponses,
        },
      },
    },
    [host.callerIds]: {
      get: {
        tags: ['host'],
        operationId: 'listCallerIds',
        summary: 'Caller IDs of the tenant (callerIds).',
        security: hostSecurity,
        responses: {
          '200': { description: 'The caller IDs.', ...json('CallerIdList') },
          ...errorResponses,
        },
      },
    },
    [host.absenceReasons]: {
      get: {
        tags: ['host'],
        operationId: 'listAbsenceReasons',
        summary: 'Absence (break) reasons operators can pick (absenceReasons).',
        security: hostSecurity,
        responses: {
          '200': { description: 'The reasons.', ...json('AbsenceReasonList') },
          ...errorResponses,
        },
      },
    },
    [host.assignEmailThread]: {
      post: {
        tags: ['host'],
        operationId: 'assignEmailThread',
        summary:
          'Assign an e-mail thread to an operator, atomically when unassigned (emailAssignment).',
        security: hostSecurity,
        parameters: [pathParam('threadId', '64-bit e-mail thread id.'), idempotencyKeyParam],
        requestBody: { required: true, ...json('AssignEmailThreadRequest') },
        responses: {
          '200': { description: 'Assigned.', ...json('AssignEmailThreadResponse') },
          '409': {
            description: 'Another operator holds the thread.',
            ...json('EmailThreadAlreadyAssigned'),
          },
          ...errorResponses,
        },
      },
    },
    [host.entitlements]: {
      get: {
        tags: ['host'],
        operationId: 'getEntitlements',
        summary: 'Licence flags and capabilities of the tenant (entitlements).',
        security: hostSecurity,
        responses: {
          '200': { description: 'Entitlements.', ...json('EntitlementsResponse') },
          ...errorResponses,
        },
      },
    },
    [host.settingsUpdated]: {
      post: {
        tags: ['host'],
        operationId: 'notifySettingsUpdated',
        summary:
          "A tenant's Switchboard settings changed; re-read what you cache (settingsWebhook).",
        description:
          "Authenticated by its Standard Webhooks signature over the tenant's webhook secret (webhook-id stable across retries and unique per change: Switchboard sends `msg_settings_<uuid>`, as versions restart after a reinstall); a bearer token may be sent as well.",
        security: [{ tenantSignature: [] }],
        parameters: [...signedParams, idempotencyKeyParam],
        requestBody: { required: true, ...json('SettingsUpdatedNotification') },
        responses: { '204': { description: 'Noted.' }, ...errorResponses },
      },
    },
    [sb.install]: {
      servers: switchboardServers,
      post: {
        tags: ['switchboard'],
        operationId: 'install',
        summary: 'The host installs the plugin for a tenant (or rotates its credentials).',
        description: 'Signed with the platform secret (Standard Webhooks headers).',
        security: [{ platformSignature: [] }],
        parameters: signedParams,
        requestBody: { required: true, ...json('InstallRequest') },
        responses: {
          '200': { description: 'Updated an existing installation.', ...json('InstallResponse') },
          '201': { description: 'Installed.', ...json('InstallResponse') },
          ...errorResponses,
        },
      },
    },
    [sb.uninstall]: {
      servers: switchboardServers,
      post: {
        tags: ['switchboard'],
        operationId: 'uninstall',
        summary: "The host uninstalls the plugin: Switchboard deletes the tenant's data.",
        description: 'Signed with the platform secret (Standard Webhooks headers).',
        security: [{ platformSignature: [] }],
        parameters: signedParams,
        requestBody: { required: true, ...json('UninstallRequest') },
        responses: {
          '204': { description: 'Uninstalled (or was not installed).' },
          ...errorResponses,
        },
      },
    },
    [sb.webhooks]: {
      servers: switchboardServers,
      post: {
        tags: ['switchboard'],
        operationId: 'receiveWebhook',
        summary: 'Webhook ingress: one event per request.',
        description:
          'Signed deliveries carry Standard Webhooks headers over the tenant webhook secret and are deduplicated by webhook-id. v1 deliveries carry Basic credentials from the callback URL and are deduplicated by a key derived from the payload. The answer comes as soon as the event is stored.',
        security: [{ tenantSignature: [] }, { v1Basic: [] }],
        parameters: [pathParam('tenantId', 'Tenant id.')],
        requestBody: { required: true, ...json('WebhookEnvelope') },
        responses: {
          '204': { description: 'Stored (or a duplicate of a stored delivery).' },
          '401': { description: 'Bad signature or credentials.', ...json('ExtensionError') },
          '413': { description: 'Body too large.', ...json('ExtensionError') },
        },
      },
    },
  };

  for (const name of HOOK_NAMES) {
    const hook = DECISION_HOOKS[name];
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    paths[hook.path] = {
      servers: switchboardServers,
      post: {
        tags: ['switchboard', 'decision hooks'],
        operationId: `${name}Hook`,
        summary: hook.summary,
        description: `Time budget: ${hook.budgetMs} ms. Safe default on timeout or error: ${hook.safeDefaultText}`,
        'x-time-budget-ms': hook.budgetMs,
        'x-safe-default': hook.safeDefault,
        security: [{ tenantSignature: [] }],
        parameters: signedParams,
        requestBody: { required: true, ...json(`${title}HookRequest`) },
        responses: {
          '200': { description: 'The decision.', ...json(`${title}HookResponse`) },
          ...errorResponses,
        },
      },
    };
  }

  const webhooks: Record<string, JsonObject> = {};
  for (const eventType of eventTypes) {
    webhooks[eventType] = {
      post: {
        tags: [
          EXTENSION_EVENT_TYPES.includes(eventType as never) ? 'extension events' : 'v1 events',
        ],
        operationId: `on${eventType}`,
        summary: `${eventType} delivered to ${sb.webhooks}.`,
        security: [{ tenantSignature: [] }, { v1Basic: [] }],
        requestBody: { required: true, ...json(envelopeSchemaName(eventType)) },
        responses: { '204': { description: 'Stored.' } },
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard host extension',
      version: '1.0.0',
      description: [
        'What a host adds to its public API v1 for plugins, and what Switchboard exposes to the host.',
        'Host paths are relative to the tenant hostApiBaseUrl (which includes /api/v1) and use the v1 OAuth2 client-credentials token; Switchboard paths are relative to Switchboard and are signed with Standard Webhooks headers.',
        `Capabilities a host may declare at install: ${CAPABILITIES.join(', ')}.`,
      ].join('\n\n'),
    },
    servers: [
      {
        url: '{hostApiBaseUrl}',
        description: "The host's API base URL for the tenant.",
        variables: { hostApiBaseUrl: { default: 'https://host.example/api/v1' } },
      },
    ],
    tags: [
      { name: 'host', description: 'Extension endpoints on the host that Switchboard calls.' },
      { name: 'switchboard', description: 'Switchboard endpoints the host calls.' },
      {
        name: 'decision hooks',
        description: 'Synchronous decisions with a time budget and a safe default.',
      },
      { name: 'v1 events', description: 'Events of the public API v1.' },
      { name: 'extension events', description: 'Events the extension adds.' },
    ],
    paths,
    webhooks,
    components: {
      schemas,
      parameters: {
        WebhookId: {
          name: SIGNATURE_HEADERS.id,
          in: 'header',
          required: true,
          description: 'Unique message id; the receiver deduplicates by it.',
          schema: { type: 'string' },
        },
        WebhookTimestamp: {
          name: SIGNATURE_HEADERS.timestamp,
          in: 'header',
          required: true,
          description: 'Unix seconds; refused outside a 5-minute tolerance.',
          schema: { type: 'string', pattern: '^\\d+$' },
        },
        WebhookSignature: {
          name: SIGNATURE_HEADERS.signature,
          in: 'header',
          required: true,
          description: 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` signatures.',
          schema: { type: 'string' },
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'One UUID per logical call, repeated on its retries; the host applies a key once.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      securitySchemes: {
        hostOAuth: {
          type: 'oauth2',
          description:
            'The v1 client-credentials token (`POST /login/connect/token` on the host origin).',
          flows: {
            clientCredentials: {
              tokenUrl: 'https://host.example/login/connect/token',
              scopes: { mluviiPublicApi: 'Public API' },
            },
          },
        },
        tenantSignature: {
          type: 'apiKey',
          in: 'header',
          name: SIGNATURE_HEADERS.signature,
          description: "Standard Webhooks signature over the tenant's webhook secret.",
        },
        platformSignature: {
          type: 'apiKey',
          in: 'header',
          name: SIGNATURE_HEADERS.signature,
          description:
            'Standard Webhooks signature over the platform secret shared by host and Switchboard.',
        },
        v1Basic: {
          type: 'http',
          scheme: 'basic',
          description:
            'v1 deliveries: Basic credentials from the userinfo of the registered callback URL.',
        },
      },
    },
  };
}
