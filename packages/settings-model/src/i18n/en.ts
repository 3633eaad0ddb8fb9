/**
 * English messages. This object defines the set of message keys: `cs` must translate every one of
 * them (the compiler checks it). Placeholders use polyglot syntax, `%{name}`, so the admin can hand
 * these messages to ra-i18n-polyglot unchanged.
 */
export const en = {
  'settings.title': 'General settings',
  'settings.areas.general': 'General',
  'settings.areas.phone': 'Phone',
  'settings.areas.chat': 'Chat',
  'settings.areas.email': 'E-mail',

  'settings.provenance.default': 'Default value',
  'settings.provenance.tenant': 'Tenant setting',
  'settings.provenance.package': 'Package override',
  'settings.entitlement.missing': 'Your licence does not include this feature.',

  'settings.units.seconds': 'seconds',
  'settings.units.minutes': 'minutes',
  'settings.units.hours': 'hours',
  'settings.units.days': 'days',
  'settings.units.megabytes': 'MB',

  'settings.common.enabled.label': 'Enabled',
  'settings.common.timeZone.label': 'Time zone',
  'settings.common.timeZone.help': 'An IANA time zone name, for example Europe/Prague.',
  'settings.common.interval.label': 'Time interval',
  'settings.common.interval.start.label': 'From',
  'settings.common.interval.end.label': 'To',

  'settings.options.previewField.deviceType': 'Device type',
  'settings.options.previewField.os': 'Operating system',
  'settings.options.previewField.browser': 'Browser',
  'settings.options.previewField.country': 'Country',
  'settings.options.previewField.language': 'Language',
  'settings.options.banDuration.permanent': 'Permanent',
  'settings.options.banDuration.1h': '1 hour',
  'settings.options.banDuration.24h': '24 hours',
  'settings.options.banDuration.7d': '7 days',
  'settings.options.banDuration.30d': '30 days',
  'settings.options.sessionChannel.chat': 'Chat',
  'settings.options.sessionChannel.av': 'Audio/video',
  'settings.options.sessionChannel.phone': 'Phone',
  'settings.options.awayStatus.busy': 'Busy',
  'settings.options.awayStatus.offline': 'Offline',
  'settings.options.replyTo.operator': "Operator's e-mail",
  'settings.options.replyTo.company': "Company's shared e-mail",
  'settings.options.queueOrder.newest': 'Newest first',
  'settings.options.queueOrder.oldest': 'Oldest first',
  'settings.options.weekday.mon': 'Monday',
  'settings.options.weekday.tue': 'Tuesday',
  'settings.options.weekday.wed': 'Wednesday',
  'settings.options.weekday.thu': 'Thursday',
  'settings.options.weekday.fri': 'Friday',
  'settings.options.weekday.sat': 'Saturday',
  'settings.options.weekday.sun': 'Sunday',

  'settings.general.waitingClientPreview.label': 'Waiting-client preview',
  'settings.general.waitingClientPreview.help':
    'Operators can see basic facts about a queued client before accepting the chat or call: typically the device type, browser and the country the client came from. The IP address itself is never shown.',
  'settings.general.waitingClientPreview.fields.label': 'Details shown',
  'settings.general.showRoutedOperators.label': 'Show routed operators',
  'settings.general.showRoutedOperators.help':
    'On hovering over a waiting session, operators can see which other operators the session has already been routed to, in order and with times.',
  'settings.general.operatorsMayBan.label': 'Operators may ban clients',
  'settings.general.operatorsMayBan.help':
    'You can take the ability to ban clients away from your operators (a banned client can no longer reach an operator from that device or communication channel). Administrators can always ban.',
  'settings.general.operatorsMayBan.offeredDurations.label': 'Ban durations offered to operators',
  'settings.general.autoAnonymization.label': 'Automatic session anonymization',
  'settings.general.autoAnonymization.help':
    "To meet legal requirements, you can have session data anonymized automatically. Once the condition holds, the client's data is erased: messages and files of the session, phone-call and audio/video recordings, the link between the session and the client's record in the contact directory, every session parameter (filled in by the operator, a chatbot or the client's entry form), and the session result and the client's feedback. Non-personal statistics stay.",
  'settings.general.autoAnonymization.olderThanDays.label':
    'Anonymize sessions ended more than (days) ago',
  'settings.general.autoAnonymization.channels.label': 'Only these channels',
  'settings.general.autoAnonymization.channels.help': 'Leave empty for every channel.',
  'settings.general.autoAnonymization.packageIds.label': 'Only these web-chat packages',
  'settings.general.autoAnonymization.packageIds.help': 'Leave empty for every package.',
  'settings.general.autoAnonymization.exemptTags.label': 'Tags that exempt a session',
  'settings.general.autoAnonymization.exemptTags.help':
    'Sessions carrying any of these tags are never anonymized (legal hold).',
  'settings.general.autoAnonymization.window.label': 'Daily run window',
  'settings.general.autoAnonymization.window.help':
    'The run starts and pauses within this window; it may cross midnight (for example 22:00 to 04:00).',

  'settings.phone.callerIdSelection.label': 'Outgoing caller ID selection',
  'settings.phone.callerIdSelection.help':
    'When this is on, an operator can choose, before starting a phone call, the number the client will see on their phone. This is a licensed feature, so it may not be available to you.',
  'settings.phone.callerIdSelection.allowedNumbers.label': 'Allowed numbers',
  'settings.phone.callerIdSelection.allowedNumbers.help':
    'Numbers in international E.164 format, for example +420123456789; each must be one of your caller IDs.',
  'settings.phone.callerIdSelection.defaultNumber.label': 'Default number',
  'settings.phone.callerIdSelection.defaultNumber.help':
    'Preselected when an operator starts a call.',

  'settings.chat.avRecording.label': 'Audio/video session recording',
  'settings.chat.avRecording.help':
    'Relevant when you use the CallBack widget on your website, invitations, or upgrade web-chat sessions to audio/video calls. A Recordings tab appears in the session detail.',
  'settings.chat.statusWhenAllAway.label': 'Package status when all are Away',
  'settings.chat.statusWhenAllAway.help':
    'The status the package shows (Busy or Offline) when every operator is Away (has an absence reason set). "Every operator" means the operators that the web-chat package routes sessions to.',
  'settings.chat.transcriptReplyTo.label': 'Transcript reply recipient',
  'settings.chat.transcriptReplyTo.help':
    "At the end of each session the client can have the chat transcript e-mailed, ticked by themselves or by the operator. The client may reply to the transcript; here you choose where the reply goes: the operator's e-mail or your company's shared e-mail.",
  'settings.chat.transcriptReplyTo.mode.label': 'Replies go to',
  'settings.chat.transcriptReplyTo.companyAddress.label': 'Company e-mail address',
  'settings.chat.offlineCallback.label': 'Offline CallBack',
  'settings.chat.offlineCallback.help':
    'During the set hours, sessions stay in the queue even after the client leaves (closes the browser, ends the session, loses connectivity). The operator who takes such a session sees that the client is gone and can call back using the contact details the client gave before entering.',
  'settings.chat.offlineCallback.weeklyHours.label': 'Weekly hours',
  'settings.chat.offlineCallback.exceptions.label': 'Exception dates',
  'settings.chat.offlineCallback.exceptions.help':
    'Dates with their own hours; a date without intervals is closed all day.',
  'settings.chat.offlineCallback.exceptions.date.label': 'Date',
  'settings.chat.offlineCallback.exceptions.intervals.label': 'Hours on that date',
  'settings.chat.offlineCallback.exceptions.note.label': 'Note',
  'settings.chat.callbackNumberBlock.label': 'Same-number blocking period',
  'settings.chat.callbackNumberBlock.help':
    'Relevant to the CallBack widget, where the client enters a phone number before entering. To prevent flooding (the same client asking again and again), a new request from the same number within this period is refused. 0 turns blocking off.',
  'settings.chat.clientFileSending.label': 'Client file sending',
  'settings.chat.clientFileSending.help':
    'Turn this off if clients must not send files in web-chat sessions (operators still can).',
  'settings.chat.clientFileSending.allowedExtensions.label': 'Allowed file extensions',
  'settings.chat.clientFileSending.allowedExtensions.help':
    'For example pdf, jpg, png. Leave empty to allow every type.',
  'settings.chat.clientFileSending.maxSizeMb.label': 'Maximum file size',
  'settings.chat.deleteFilesAfterSession.label': 'Delete files after the session',
  'settings.chat.deleteFilesAfterSession.help':
    'When a session ends, every file sent during it is deleted and nobody can reach it afterwards.',
  'settings.chat.clientHistory.label': 'Client chat history',
  'settings.chat.clientHistory.help':
    'After clicking the web-chat widget, the client can see the whole history of their conversations with operators. The history is bound to the device and browser: from elsewhere the client sees none.',
  'settings.chat.clientDisconnectGrace.label': 'Client disconnect grace period',
  'settings.chat.clientDisconnectGrace.help':
    'Covers clients who drop out of a chat for a short while, by accident or on purpose (lost connection, closed browser tab): if they come back within this time, they continue the running conversation with the operator.',

  'settings.email.queueOrder.label': 'E-mail ordering and assignment',
  'settings.email.queueOrder.help':
    'The order in which e-mails are offered to operators in the user interface, which is also the order in which they are routed. By default the newest e-mails come first. To make sure no e-mail slips through, choose the opposite order ("Oldest").',

  'settings.errors.invalid_type': 'This value has the wrong type.',
  'settings.errors.required': 'This field is required.',
  'settings.errors.not_integer': 'Enter a whole number.',
  'settings.errors.too_small.number': 'Must be at least %{minimum}.',
  'settings.errors.too_small.string': 'Must be at least %{minimum} characters long.',
  'settings.errors.too_small.array': 'Choose at least %{minimum} item(s).',
  'settings.errors.too_small.value': 'The value is too small (minimum %{minimum}).',
  'settings.errors.too_big.number': 'Must be at most %{maximum}.',
  'settings.errors.too_big.string': 'Must be at most %{maximum} characters long.',
  'settings.errors.too_big.array': 'At most %{maximum} item(s) allowed.',
  'settings.errors.too_big.value': 'The value is too large (maximum %{maximum}).',
  'settings.errors.invalid_enum': 'Choose one of: %{options}.',
  'settings.errors.invalid_format': 'The format is not valid.',
  'settings.errors.unknown_field': 'Unknown field.',
  'settings.errors.unknown_setting': 'Unknown setting.',
  'settings.errors.not_package_scoped':
    'This setting applies to the whole tenant and cannot be overridden per package.',
  'settings.errors.feature_not_entitled': 'Your licence does not include this feature.',
  'settings.errors.duplicate_item': 'This item is listed twice.',
  'settings.errors.fields_required': 'Choose at least one detail to show, or turn the preview off.',
  'settings.errors.durations_required': 'Offer at least one ban duration, or turn banning off.',
  'settings.errors.numbers_required': 'Add at least one allowed number, or turn the selection off.',
  'settings.errors.duplicate_number': 'This number is listed twice.',
  'settings.errors.default_number_required': 'Choose the default number.',
  'settings.errors.default_number_not_allowed':
    'The default number must be one of the allowed numbers.',
  'settings.errors.company_address_required':
    'Enter the company e-mail address the replies should go to.',
  'settings.errors.interval_order': 'The end must be later than the start.',
  'settings.errors.interval_overlap': 'This interval overlaps another one on the same day.',
  'settings.errors.hours_required':
    'Set at least one interval of hours, or turn Offline CallBack off.',
  'settings.errors.duplicate_date': 'This date is listed twice.',
  'settings.errors.window_empty': 'The window must not start and end at the same time.',
  'settings.errors.invalid_time_zone': 'Unknown time zone.',

  'settings.lint.offline_callback_package_offline':
    'Offline CallBack hours are set, but the package is always offline, so no session can use them.',
  'settings.lint.caller_id_not_on_host':
    'The number %{number} is not among your caller IDs; calls from it would fail.',
  'settings.lint.deleted_files_in_history':
    'Files are deleted after each session while clients see their chat history: the history will show files that no longer exist.',
  'settings.lint.file_limits_while_disabled':
    'File type or size limits are set while client file sending is off; they have no effect.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
