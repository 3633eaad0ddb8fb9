import { type z } from 'zod';
import { safeEnum } from '../safe-enum.js';

/*
 * Enums of the host's public API v1 (mluvii/mluvii.ApiModels). Every one is parsed through
 * `safeEnum`: case- and underscore-insensitive (PascalCase and the older upper-snake spelling both
 * read), and values the host adds later become `UNKNOWN` instead of failing the whole payload.
 */

export const SESSION_STATUSES = [
  'CREATED',
  'IN_QUEUE',
  'WAITING',
  'ACTIVE',
  'ACW',
  'BCW',
  'CLOSED',
  'BLACKLISTED',
] as const;
export const sessionStatusSchema = safeEnum(SESSION_STATUSES);
export type SessionStatus = z.output<typeof sessionStatusSchema>;

export const SESSION_CHANNELS = ['Chat', 'AV', 'Phone'] as const;
export const sessionChannelSchema = safeEnum(SESSION_CHANNELS);
export type SessionChannel = z.output<typeof sessionChannelSchema>;

export const SESSION_SOURCES = [
  'Default',
  'Callback',
  'Invitation',
  'ChatInvitation',
  'IncomingCall',
  'OutgoingCall',
  'Campaign',
  'API',
  'Facebook',
  'WhatsApp',
  'VK',
  'Apple',
  'GenericChannel',
] as const;
export const sessionSourceSchema = safeEnum(SESSION_SOURCES);
export type SessionSource = z.output<typeof sessionSourceSchema>;

export const CHANNELS = [
  'Mluvii',
  'Email',
  'Phone',
  'Facebook',
  'WhatsApp',
  'VK',
  'Apple',
] as const;
export const channelSchema = safeEnum(CHANNELS);
export type Channel = z.output<typeof channelSchema>;

export const CLIENT_TYPES = ['User', 'Guest', 'Chatbot'] as const;
export const clientTypeSchema = safeEnum(CLIENT_TYPES);
export type ClientType = z.output<typeof clientTypeSchema>;

export const GUEST_BROWSER_TYPES = [
  'OTHER',
  'IE_LOW',
  'IE_8',
  'IE_9',
  'IE_10',
  'IE_11',
  'IE_HI',
  'CHROME',
  'OPERA',
  'FF',
  'SAFARI',
  'EDGE',
  'CHROMIUM_EDGE',
] as const;
export const guestBrowserTypeSchema = safeEnum(GUEST_BROWSER_TYPES);
export type GuestBrowserType = z.output<typeof guestBrowserTypeSchema>;

export const GUEST_OS_TYPES = ['OTHER', 'WINDOWS', 'OSX', 'LINUX', 'ANDROID', 'IOS'] as const;
export const guestOsTypeSchema = safeEnum(GUEST_OS_TYPES);
export type GuestOsType = z.output<typeof guestOsTypeSchema>;

export const SESSION_TERMINATION_REASONS = [
  'GuestLeft',
  'OperatorLeft',
  'ChatbotLeft',
  'GuestAbandoned',
  'OperatorAbandoned',
  'ExternalPartyLeft',
  'CampaignFailedDial',
  'CampaignTerminated',
  'CallForwardedToExternalPhone',
  'OperatorWithoutExtension',
  'ForwardToExternalPhoneFailed',
  'FailedRouting',
  'ExternalSessionExpired',
  'SessionApiCall',
  'SingleUseSession',
] as const;
export const sessionTerminationReasonSchema = safeEnum(SESSION_TERMINATION_REASONS);
export type SessionTerminationReason = z.output<typeof sessionTerminationReasonSchema>;

export const GUEST_LEFT_SESSION_IN_STATES = [
  'LeftQueue',
  'LeftSession',
  'LeftAfterSession',
  'StillConnected',
  'LeftBeforeQueue',
] as const;
export const guestLeftSessionInStateSchema = safeEnum(GUEST_LEFT_SESSION_IN_STATES);
export type GuestLeftSessionInState = z.output<typeof guestLeftSessionInStateSchema>;

export const SESSION_ACTIVITY_TYPES = [
  'ChatMessage',
  'SharedFile',
  'SharedScreen',
  'PhotoRequest',
  'CobrowsingStarted',
  'CobrowsingStoppedByGuest',
  'ScreenSharingFailedByGuest',
  'FileUploadFailed',
  'HeroCard',
  'HeroCardSubmission',
  'ChatbotMessage',
  'CallScript',
  'CallScriptSubmission',
  'WelcomeMessage',
  'LastFarewellMessage',
  'PreviewUrl',
  'Location',
  'HeroCardQuickReply',
  'LocationRequest',
  'ExternalMessage',
  'OnHold',
  'ResumeGuest',
  'AvRequest',
  'AvResponse',
  'AvGetMediaResult',
  'AvTerminated',
  'ChatToMail',
  'AutoActivity',
  'ChatbotHeroCardSubmission',
  'AutoActivityAsOperator',
  'NotifyOperator',
  'UpgradeToFull',
  'SessionEnded',
  'SessionForwarded',
  'OperatorInvited',
  'OperatorInviteCanceled',
  'OperatorInviteRejected',
  'OperatorKicked',
  'Handoff',
  'Joined',
  'Left',
] as const;
export const sessionActivityTypeSchema = safeEnum(SESSION_ACTIVITY_TYPES);
export type SessionActivityType = z.output<typeof sessionActivityTypeSchema>;

export const SESSION_RECORDING_TYPES = [
  'Other',
  'Operator',
  'Guest',
  'AllParticipants',
  'ScreenSharing',
] as const;
export const sessionRecordingTypeSchema = safeEnum(SESSION_RECORDING_TYPES);
export type SessionRecordingType = z.output<typeof sessionRecordingTypeSchema>;

export const SESSION_RECORDINGS_STATES = ['Processed', 'FailedToProcess', 'Processing'] as const;
export const sessionRecordingsStateSchema = safeEnum(SESSION_RECORDINGS_STATES);
export type SessionRecordingsState = z.output<typeof sessionRecordingsStateSchema>;

export const OPERATOR_STATE_KINDS = [
  'OFFLINE',
  'DISCONNECTED',
  'ONLINE',
  'AWAY',
  'BREAK',
  'BEFORE_CALL',
  'ON_CALL',
  'AFTER_CALL',
] as const;
export const operatorStateKindSchema = safeEnum(OPERATOR_STATE_KINDS);
export type OperatorStateKind = z.output<typeof operatorStateKindSchema>;

export const USER_SIMPLIFIED_STATUSES = ['OFFLINE', 'ONLINE', 'BUSY', 'AWAY'] as const;
export const userSimplifiedStatusSchema = safeEnum(USER_SIMPLIFIED_STATUSES);
export type UserSimplifiedStatus = z.output<typeof userSimplifiedStatusSchema>;

export const USER_AVAILABILITY_STATUSES = ['DEFAULT', 'AWAY', 'ON_CALL'] as const;
export const userAvailabilityStatusSchema = safeEnum(USER_AVAILABILITY_STATUSES);
export type UserAvailabilityStatus = z.output<typeof userAvailabilityStatusSchema>;

export const EMAIL_THREAD_STATES = [
  'InQueue',
  'Waiting',
  'Accepted',
  'SentToClient',
  'DidNotAnswer',
] as const;
export const emailThreadStateSchema = safeEnum(EMAIL_THREAD_STATES);
export type EmailThreadState = z.output<typeof emailThreadStateSchema>;

export const EMAIL_THREAD_INITIATORS = ['Client', 'Operator'] as const;
export const emailThreadInitiatorSchema = safeEnum(EMAIL_THREAD_INITIATORS);
export type EmailThreadInitiator = z.output<typeof emailThreadInitiatorSchema>;

export const EMAIL_THREAD_ACTIVITY_TYPES = [
  'Mail',
  'Note',
  'DidNotAnswer',
  'Open',
  'Forward',
  'ForwardToOperators',
  'AutoIgnore',
  'ReplyAgain',
] as const;
export const emailThreadActivityTypeSchema = safeEnum(EMAIL_THREAD_ACTIVITY_TYPES);
export type EmailThreadActivityType = z.output<typeof emailThreadActivityTypeSchema>;

export const EMAIL_MESSAGE_STATES = [
  'WaitingToSend',
  'Sending',
  'FailedToSend',
  'Sent',
  'WaitingToRetrySending',
  'Received',
  'DidNotAnswer',
] as const;
export const emailMessageStateSchema = safeEnum(EMAIL_MESSAGE_STATES);
export type EmailMessageState = z.output<typeof emailMessageStateSchema>;

export const FEEDBACK_SCALES = ['Likert', 'NPS'] as const;
export const feedbackScaleSchema = safeEnum(FEEDBACK_SCALES);
export type FeedbackScale = z.output<typeof feedbackScaleSchema>;

export const INTERACTION_PARAM_SOURCES = [
  'User',
  'WidgetApi',
  'Chatbot',
  'HeroCard',
  'EntryForm',
  'FeedbackForm',
  'OfflineForm',
  'ExternalMessaging',
  'Phone',
  'API',
] as const;
export const interactionParamSourceSchema = safeEnum(INTERACTION_PARAM_SOURCES);
export type InteractionParamSource = z.output<typeof interactionParamSourceSchema>;

export const CLIENT_CALL_PARAM_SOURCES = [
  'USER',
  'WIDGET_API',
  'CHATBOT',
  'HERO_CARD',
  'ENTRY_FORM',
  'FEEDBACK_FORM',
  'OFFLINE_FORM',
  'EXTERNAL_MESSAGING',
  'PHONE',
  'API',
] as const;
export const clientCallParamSourceSchema = safeEnum(CLIENT_CALL_PARAM_SOURCES);
export type ClientCallParamSource = z.output<typeof clientCallParamSourceSchema>;

export const ROUTING_TIMELINE_ACTIVITY_TYPES = [
  'RoutingRequestCreated',
  'EnteredGroupQueue',
  'GroupQueueTimeoutExpired',
  'LeftGroupQueue',
  'AssignedToOperator',
  'OperatorTimeoutExpired',
  'AcceptedByOperator',
  'ForwardedToGroup',
  'ForwardedToUser',
  'ForwardedToPhone',
  'RoutingEnded',
  'InvitedGroup',
  'InvitedUser',
] as const;
export const routingTimelineActivityTypeSchema = safeEnum(ROUTING_TIMELINE_ACTIVITY_TYPES);
export type RoutingTimelineActivityType = z.output<typeof routingTimelineActivityTypeSchema>;

export const DIAL_NUMBER_STATES = [
  'DIALING',
  'ANSWERED',
  'RINGING',
  'FAILED',
  'NO_ANSWER',
  'BLACKLISTED',
  'REJECTED',
  'INVALID_NUMBER',
  'UNREACHABLE',
  'CANCELLED_BY_USER',
] as const;
export const dialNumberStateSchema = safeEnum(DIAL_NUMBER_STATES);
export type DialNumberState = z.output<typeof dialNumberStateSchema>;

export const DELIVERY_STATES = [
  'Sent',
  'SendingFailed',
  'DeliveryFailed',
  'Delivered',
  'Read',
] as const;
export const deliveryStateSchema = safeEnum(DELIVERY_STATES);
export type DeliveryState = z.output<typeof deliveryStateSchema>;

export const SESSION_AV_REQUEST_STATES = [
  'None',
  'Requested',
  'Accepted',
  'RejectedUser',
  'RejectedShitBrowser',
  'RejectedNoMic',
] as const;
export const sessionAvRequestStateSchema = safeEnum(SESSION_AV_REQUEST_STATES);
export type SessionAvRequestState = z.output<typeof sessionAvRequestStateSchema>;

export const GET_MEDIA_RESULTS = ['Success', 'NoCameraOnlyMic', 'NoDevices', 'UserDenied'] as const;
export const getMediaResultSchema = safeEnum(GET_MEDIA_RESULTS);
export type GetMediaResult = z.output<typeof getMediaResultSchema>;

export const CLIENT_AV_SUPPORTS = ['WEB_RTC', 'FLASH_ONLY', 'NONE'] as const;
export const clientAvSupportSchema = safeEnum(CLIENT_AV_SUPPORTS);
export type ClientAvSupport = z.output<typeof clientAvSupportSchema>;

export const HERO_CARD_SUBMISSION_RESULTS = ['Submitted', 'Cancelled'] as const;
export const heroCardSubmissionResultSchema = safeEnum(HERO_CARD_SUBMISSION_RESULTS);
export type HeroCardSubmissionResult = z.output<typeof heroCardSubmissionResultSchema>;

export const SESSION_FILE_REMOVAL_STATES = ['REMOVED', 'ALREADY_REMOVED', 'INACCESSIBLE'] as const;
export const sessionFileRemovalStateSchema = safeEnum(SESSION_FILE_REMOVAL_STATES);
export type SessionFileRemovalState = z.output<typeof sessionFileRemovalStateSchema>;

export const OPERATOR_GROUP_TYPES = ['NORMAL', 'ALL_OPERATORS', 'CHATBOT'] as const;
export const operatorGroupTypeSchema = safeEnum(OPERATOR_GROUP_TYPES);
export type OperatorGroupType = z.output<typeof operatorGroupTypeSchema>;

export const DEPARTMENT_ROLES = [
  'Operator',
  'Reception',
  'Wallboard',
  'Telephonist',
  'MluviiOperator',
  'EmailOperator',
  'FacebookOperator',
  'WhatsAppOperator',
  'VkOperator',
  'AppleOperator',
  'GenericChannelOperator',
  'TenantAdmin',
  'TenantTemplatesAdmin',
  'TenantFilesAdmin',
  'TenantSessionsView',
  'TenantVisitors',
  'TenantEmailsView',
  'TenantOperatorsView',
  'TenantCampaignsAdmin',
] as const;
export const departmentRoleSchema = safeEnum(DEPARTMENT_ROLES);
export type DepartmentRole = z.output<typeof departmentRoleSchema>;

export const GLOBAL_ROLES = [
  'Admin',
  'CompanyAdmin',
  'Wallboard',
  'CompanyOperatorMetricsView',
  'CompanyStatistics',
] as const;
export const globalRoleSchema = safeEnum(GLOBAL_ROLES);
export type GlobalRole = z.output<typeof globalRoleSchema>;
