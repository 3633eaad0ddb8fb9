/**
 * Backend-owned English messages. Placeholders are `{name}`; `cs.ts` must define the same keys
 * with the same placeholders (checked by the type below and by a spec).
 */
export const en = {
  'error.bad_request': 'The request is invalid.',
  'error.unauthorized': 'Authentication is required.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.not_found': 'The requested resource does not exist.',
  'error.method_not_allowed': 'This method is not allowed here.',
  'error.not_acceptable': 'The requested representation is not available.',
  'error.conflict': 'The request conflicts with the current state of the resource.',
  'error.gone': 'The resource is no longer available.',
  'error.precondition_failed': 'A precondition of the request was not met.',
  'error.payload_too_large': 'The request body is larger than the limit of {limit} bytes.',
  'error.unsupported_media_type': 'This content type is not supported.',
  'error.validation_failed': 'The request contains invalid data. See errors for details.',
  'error.precondition_required': 'The request must be conditional.',
  'error.too_many_requests': 'Too many requests. Please try again later.',
  'error.malformed_json': 'The request body is not valid JSON.',
  'error.request_failed': 'The request could not be processed.',
  'error.internal_error': 'An unexpected error occurred.',
  'error.not_implemented': 'This operation is not implemented.',
  'error.bad_gateway': 'An upstream service returned an invalid response.',
  'error.service_unavailable': 'The service is temporarily unavailable.',
  'error.gateway_timeout': 'An upstream service did not answer in time.',

  'settings.version_conflict':
    'The settings were changed by someone else (now at version {currentVersion}). Reload and try again.',
  'settings.precondition_required':
    'Send the settings version you edited in the If-Match header (for example If-Match: "3").',
  'settings.invalid_if_match': 'The If-Match header must be a settings version such as "3".',
  'settings.feature_not_entitled': 'Your licence does not include this feature ({entitlement}).',
  'settings.not_package_scoped':
    'This setting applies to the whole tenant; a package cannot override it.',
  'settings.unknown_setting': 'There is no such setting.',
  'settings.invalid_package_id':
    'A package id is 1–64 letters, digits, dots, dashes or underscores.',
  'settings.revision_not_found': 'There is no settings revision {number}.',

  'auth.unauthenticated': 'Sign in first: this request needs a bearer token.',
  'auth.invalid_token': 'The access token is not valid ({reason}).',
  'auth.forbidden_role': 'Your role does not allow this action.',
  'installation.invalid_signature': 'The request signature is not valid ({reason}).',
  'installation.replayed_request': 'This signed request was already received.',
  'installation.tenant_not_found': 'Switchboard is not installed for this tenant.',
  'host.invalid_signature': 'The webhook signature is not valid ({reason}).',
  'host.stale_timestamp': 'The webhook timestamp is outside the accepted time window.',
  'host.invalid_credentials': 'The webhook credentials are not valid.',
  'host.invalid_envelope': 'The body is not a webhook envelope { eventType, data }.',
  'host.unknown_hook': 'There is no decision hook "{name}".',
  'host.dead_letter_not_found': 'There is no dead letter {id}.',
  'hooks.file_upload.disabled': 'Sending files is not available here.',
  'hooks.file_upload.type_not_allowed': 'This type of file cannot be sent. Allowed: {extensions}.',
  'hooks.file_upload.too_large': 'The file is too large. The limit is {maxSizeMb} MB.',
  'hooks.outbound_call.invalid_number': 'The number to call is not a valid phone number.',
  'hooks.outbound_call.caller_id_not_allowed': 'This caller ID is not allowed for outgoing calls.',

  // chat lifecycle (issue 7): file sending, client history, recordings, transcripts
  'hooks.file_upload.type_mismatch': 'The file does not look like a .{extension} file.',
  'transcript.subject': 'Transcript of your conversation on {date}',
  'transcript.heading': 'Transcript of your conversation',
  'transcript.intro':
    'Here is the transcript of your conversation on {date} (session {sessionId}).',
  'transcript.time_zone': 'Times are given in the {timeZone} time zone.',
  'transcript.you': 'You',
  'transcript.operator': 'Operator',
  'transcript.chatbot': 'Chatbot',
  'transcript.file': 'File: {name}',
  'transcript.empty': 'The conversation holds no messages.',
  'transcript.reply_hint': 'You can reply to this e-mail.',
  'transcript.footer': 'Sent by {productName}',
  'transcripts.session_not_found': 'The host knows no session {sessionId}.',
  'widget.token_required': 'Send the widget token the host issued: Authorization: Bearer <token>.',
  'widget.invalid_token': 'The widget token is not valid ({reason}).',
  'client_history.disabled': 'Chat history is turned off for this chat.',
  'disconnect_grace.note': 'Client left: not back within {seconds} s of losing the connection.',

  // partners (white-label themes)
  'partners.not_found': 'There is no partner "{partnerId}".',
  'partners.in_use':
    'Partner "{partnerId}" still has {tenantCount} installation(s); assign them elsewhere first.',

  // operations (issue 11): metrics endpoint
  'metrics.disabled': 'Metrics are off: set METRICS_TOKEN to serve them.',
  'metrics.invalid_token': 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.',

  // admission (issue 6): preview, routed operators, bans, callbacks
  'client_preview.disabled': 'The waiting-client preview is off for this tenant.',
  'routed_operators.disabled': 'Showing routed operators is off for this tenant.',
  'bans.not_allowed': 'Operators may not ban clients while the tenant does not allow it.',
  'bans.duration_not_offered': 'This ban duration is not offered. Offered: {durations}.',
  'bans.duration_required': 'Give either a duration or an expiry time.',
  'bans.expiry_in_past': 'The expiry must lie in the future.',
  'bans.invalid_identity': 'This is not a valid {kind}.',
  'bans.identity_unavailable': 'The session has no {kind} to ban.',
  'bans.value_or_session_required': 'Give the value to ban or the session whose client to ban.',
  'bans.not_found': 'There is no ban {id}.',
  'bans.already_revoked': 'Ban {id} has already been revoked.',
  'bans.admission_refused': 'You cannot start a conversation at the moment.',
  'offline_callbacks.not_found': 'Session {sessionId} is not an offline callback.',
  'offline_callbacks.not_taker':
    'Only the operator who took this callback sees its contact details.',

  // Availability: package status (7), e-mail queue (15), caller ID (5).
  'package_status.package_not_found': 'There is no package {packageId} with a known status.',
  'package_status.no_absence_reason': 'no reason given',
  'package_status.away_note': 'All operators are away: {reasons}',
  'email_queue.assignment_unavailable':
    'The host cannot assign e-mail threads for Switchboard (no e-mail assignment extension).',
  'email_queue.host_unavailable': 'The host could not assign the e-mail thread. Try again.',
  'email_queue.not_a_host_operator': 'Only an operator of the host can take e-mails.',

  // Automatic anonymization (4).
  'anonymization.off': 'Automatic anonymization is off: save a rule first.',
  'anonymization.run_in_progress': 'An anonymization run is already running for this tenant.',
  'anonymization.run_not_running': 'The run is not running (it is {status}).',
  'anonymization.backfill_in_progress': 'The session index is already being filled from the host.',
  'anonymization.host_unavailable':
    'The host did not answer, so legal holds and packages could not be checked. Try again.',

  // Durable jobs (5).
  'jobs.job_not_found': 'There is no dead job {id}.',
  'jobs.job_key_active':
    'Job {id} cannot be retried: another job with the same key ({key}) is already scheduled or running.',

  'field.required': 'This field is required.',
  'field.invalid_type': 'Expected a value of type {expected}.',
  'field.too_small.string': 'Must be at least {minimum} characters long.',
  'field.too_small.array': 'Must contain at least {minimum} items.',
  'field.too_small.number': 'Must be at least {minimum}.',
  'field.too_small.number_exclusive': 'Must be greater than {minimum}.',
  'field.too_big.string': 'Must be at most {maximum} characters long.',
  'field.too_big.array': 'Must contain at most {maximum} items.',
  'field.too_big.number': 'Must be at most {maximum}.',
  'field.too_big.number_exclusive': 'Must be less than {maximum}.',
  'field.invalid_format': 'Invalid format (expected {format}).',
  'field.invalid_value': 'Must be one of: {values}.',
  'field.not_multiple_of': 'Must be a multiple of {divisor}.',
  'field.unknown_field': 'Unknown field.',
  'field.invalid': 'Invalid value.',
} as const;

export type MessageKey = keyof typeof en;
export type MessageCatalog = { readonly [K in MessageKey]: string };
