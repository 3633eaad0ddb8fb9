import type { MessageKey } from '../i18n/en.js';
import { type MessageParams, translate } from '../i18n/translate.js';
import type { ApiProblem, FieldProblem } from './api-problem.js';

export interface ApiErrorInit {
  status: number;
  /** Stable machine code, snake_case; clients branch on it. */
  code: string;
  messageKey: MessageKey;
  params?: MessageParams;
  errors?: readonly FieldProblem[];
  details?: Readonly<Record<string, unknown>>;
}

/** The error our code throws for an expected failure; the global filter renders it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly errors: readonly FieldProblem[];
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(init: ApiErrorInit) {
    super(`${init.code}: ${translate('en', init.messageKey, init.params)}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageKey = init.messageKey;
    this.params = init.params ?? {};
    this.errors = init.errors ?? [];
    this.details = init.details;
  }

  static validation(errors: readonly FieldProblem[]): ApiError {
    return new ApiError({
      status: 422,
      code: 'validation_failed',
      messageKey: 'error.validation_failed',
      errors,
    });
  }

  static notFound(): ApiError {
    return new ApiError({ status: 404, code: 'not_found', messageKey: 'error.not_found' });
  }

  toProblem(): ApiProblem {
    return {
      status: this.status,
      code: this.code,
      message: { key: this.messageKey, params: this.params },
      errors: this.errors,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}
