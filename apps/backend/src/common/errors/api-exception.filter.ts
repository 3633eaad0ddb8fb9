import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InjectEnv } from '../../config/config.module.js';
import type { Env } from '../../config/env.js';
import { principalOf } from '../../auth/auth.decorators.js';
import { pathOnly } from '../logging/logger-options.js';
import {
  defaultLanguage,
  negotiateLanguage,
  statesNoLanguagePreference,
} from '../i18n/translate.js';
import { renderProblem } from './api-problem.js';
import { describeException } from './describe-exception.js';

/** Renders every error of the HTTP API, Fastify's own included, in the one error shape. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  constructor(@InjectEnv() private readonly env: Env) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, isServerFault } = describeException(exception, {
      bodyLimit: this.env.BODY_LIMIT_BYTES,
    });
    if (isServerFault) {
      this.logger.error(
        { err: exception, method: request.method, url: pathOnly(request.url) },
        'Request failed with a server fault',
      );
    }
    if (reply.sent) return;
    // People read these messages: without a stated preference, the signed-in principal's own
    // locale (set by the auth guard) beats the API default.
    const header = request.headers['accept-language'];
    const language = statesNoLanguagePreference(header)
      ? (principalOf(request)?.locale ?? defaultLanguage)
      : negotiateLanguage(header);
    void reply
      .status(problem.status)
      .header('content-language', language)
      .header('vary', 'Accept-Language')
      .send(renderProblem(problem, language));
  }
}
