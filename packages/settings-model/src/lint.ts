import { type SettingKey, type SettingValues } from './registry.js';

export const LINT_CODES = [
  'offline_callback_package_offline',
  'caller_id_not_on_host',
  'deleted_files_in_history',
  'file_limits_while_disabled',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

/** Facts about the host that some warnings need; a warning whose fact is absent is skipped. */
export interface LintContext {
  /** The package these values apply to is always offline (no operator routes from it). */
  packageAlwaysOffline?: boolean;
  /** The tenant's caller IDs as the host reports them (E.164). */
  hostCallerIds?: readonly string[];
}

export interface LintWarning {
  code: LintCode;
  /** The field the warning is about, dotted like a FieldError path. */
  path: string;
  /** Every setting involved, for highlighting. */
  keys: readonly SettingKey[];
  messageKey: string;
  params?: Record<string, string | number>;
}

function warning(
  code: LintCode,
  path: string,
  keys: readonly SettingKey[],
  params?: Record<string, string | number>,
): LintWarning {
  return { code, path, keys, messageKey: `settings.lint.${code}`, ...(params ? { params } : {}) };
}

/**
 * Flags combinations that are valid but probably not what the admin wants. Warnings never block a
 * save; the panel shows them next to the settings they name.
 */
export function lintSettings(values: SettingValues, context: LintContext = {}): LintWarning[] {
  const warnings: LintWarning[] = [];
  const offlineCallback = values['chat.offlineCallback'];
  if (offlineCallback.enabled && context.packageAlwaysOffline) {
    warnings.push(
      warning('offline_callback_package_offline', 'chat.offlineCallback', ['chat.offlineCallback']),
    );
  }
  const callerIds = values['phone.callerIdSelection'];
  if (callerIds.enabled && context.hostCallerIds) {
    const known = new Set(context.hostCallerIds);
    callerIds.allowedNumbers.forEach((number, index) => {
      if (!known.has(number)) {
        warnings.push(
          warning(
            'caller_id_not_on_host',
            `phone.callerIdSelection.allowedNumbers.${index}`,
            ['phone.callerIdSelection'],
            { number },
          ),
        );
      }
    });
  }
  if (values['chat.deleteFilesAfterSession'] && values['chat.clientHistory']) {
    warnings.push(
      warning('deleted_files_in_history', 'chat.deleteFilesAfterSession', [
        'chat.deleteFilesAfterSession',
        'chat.clientHistory',
      ]),
    );
  }
  const files = values['chat.clientFileSending'];
  if (!files.enabled && (files.allowedExtensions !== undefined || files.maxSizeMb !== undefined)) {
    warnings.push(
      warning('file_limits_while_disabled', 'chat.clientFileSending', ['chat.clientFileSending']),
    );
  }
  return warnings;
}
