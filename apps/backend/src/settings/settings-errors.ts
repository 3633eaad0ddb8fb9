import { type FieldError, translate as translateSetting } from '@switchboard/settings-model';
import { ApiError } from '../common/errors/api-error.js';
import type { FieldProblem } from '../common/errors/api-problem.js';
import type { DocumentChange } from './settings-document.js';

/** A settings-model field error as an API field problem, its message in both languages. */
export function toFieldProblem(error: FieldError): FieldProblem {
  return {
    path: error.path,
    code: error.code,
    message: {
      text: {
        cs: translateSetting('cs', error.messageKey, error.params),
        en: translateSetting('en', error.messageKey, error.params),
      },
    },
  };
}

/**
 * The error for a refused settings document: 403 `feature_not_entitled` when any refused field
 * needs a licence the tenant lacks (those fields listed), otherwise 422 `validation_failed`.
 */
export function settingsValidationError(errors: readonly FieldError[]): ApiError {
  const unentitled = errors.filter((error) => error.code === 'feature_not_entitled');
  const first = unentitled[0];
  if (first !== undefined) {
    const entitlement = String(first.params?.['entitlement'] ?? '');
    return new ApiError({
      status: 403,
      code: 'feature_not_entitled',
      messageKey: 'settings.feature_not_entitled',
      params: { entitlement },
      errors: unentitled.map(toFieldProblem),
      details: { path: first.path, entitlement },
    });
  }
  return ApiError.validation(errors.map(toFieldProblem));
}

export function versionConflict(
  currentVersion: number,
  changesSince: readonly DocumentChange[],
): ApiError {
  return new ApiError({
    status: 409,
    code: 'version_conflict',
    messageKey: 'settings.version_conflict',
    params: { currentVersion },
    details: { currentVersion, changesSince },
  });
}

export function preconditionRequired(): ApiError {
  return new ApiError({
    status: 428,
    code: 'precondition_required',
    messageKey: 'settings.precondition_required',
  });
}

export function invalidIfMatch(): ApiError {
  return new ApiError({
    status: 400,
    code: 'invalid_if_match',
    messageKey: 'settings.invalid_if_match',
  });
}

export function notPackageScoped(key: string): ApiError {
  return new ApiError({
    status: 422,
    code: 'not_package_scoped',
    messageKey: 'settings.not_package_scoped',
    errors: [
      { path: 'key', code: 'not_package_scoped', message: { key: 'settings.not_package_scoped' } },
    ],
    details: { key },
  });
}

/**
 * A package-override route naming no setting: 422 with a field error on the `key` parameter,
 * the same code PATCH gives an unknown key in its body.
 */
export function unknownSetting(): ApiError {
  return ApiError.validation([
    { path: 'key', code: 'unknown_setting', message: { key: 'settings.unknown_setting' } },
  ]);
}

export function invalidPackageId(): ApiError {
  return ApiError.validation([
    { path: 'packageId', code: 'invalid_format', message: { key: 'settings.invalid_package_id' } },
  ]);
}

export function revisionNotFound(number: number): ApiError {
  return new ApiError({
    status: 404,
    code: 'not_found',
    messageKey: 'settings.revision_not_found',
    params: { number },
  });
}
