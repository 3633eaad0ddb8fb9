import { HttpException } from '@nestjs/common';
import { z } from 'zod';
import type { MessageKey } from '../i18n/en.js';
import { ApiError } from './api-error.js';
import type { ApiProblem } from './api-problem.js';
import { zodFieldProblems } from './zod-problems.js';

/** The codes that have a top-level message, `error.<code>` in the catalogs. */
type ErrorCode = MessageKey extends infer K ? (K extends `error.${infer C}` ? C : never) : never;

const codeByStatus: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  410: 'gone',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'too_many_requests',
  500: 'internal_error',
  501: 'not_implemented',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

export interface ExceptionContext {
  /** The body limit in bytes, reported with payload_too_large. */
  readonly bodyLimit: number;
}

export interface DescribedException {
  readonly problem: ApiProblem;
  /** Server faults are logged with their stack; client errors are not. */
  readonly isServerFault: boolean;
}

function genericProblem(status: number, context: ExceptionContext): ApiProblem {
  if (status === 413) {
    return {
      status,
      code: 'payload_too_large',
      message: { key: 'error.payload_too_large', params: { limit: context.bodyLimit } },
    };
  }
  const code: ErrorCode =
    codeByStatus[status] ?? (status >= 500 ? 'internal_error' : 'request_failed');
  return { status, code, message: { key: `error.${code}` } };
}

/** Fastify's own error code, whether we got the FastifyError or Nest's HttpException around it. */
function fastifyCode(exception: unknown): string | undefined {
  const candidate = exception instanceof HttpException ? exception.cause : exception;
  if (candidate instanceof Error && 'code' in candidate && typeof candidate.code === 'string') {
    return candidate.code.startsWith('FST_') ? candidate.code : undefined;
  }
  return undefined;
}

/**
 * Maps anything thrown while serving a request to the API's one error shape. Only our own
 * errors carry their message to the client; unknown failures become a bare internal_error.
 */
export function describeException(
  exception: unknown,
  context: ExceptionContext,
): DescribedException {
  if (exception instanceof ApiError) {
    return { problem: exception.toProblem(), isServerFault: exception.status >= 500 };
  }
  if (exception instanceof z.core.$ZodError) {
    return {
      problem: {
        status: 422,
        code: 'validation_failed',
        message: { key: 'error.validation_failed' },
        errors: zodFieldProblems(exception),
      },
      isServerFault: false,
    };
  }
  switch (fastifyCode(exception)) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        problem: { status: 400, code: 'malformed_json', message: { key: 'error.malformed_json' } },
        isServerFault: false,
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { problem: genericProblem(413, context), isServerFault: false };
    default:
      break;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { problem: genericProblem(status, context), isServerFault: status >= 500 };
  }
  return { problem: genericProblem(500, context), isServerFault: true };
}
