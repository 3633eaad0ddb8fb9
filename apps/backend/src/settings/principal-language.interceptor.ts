import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { principalOf } from '../auth/auth.decorators.js';
import { expressesNoPreference } from './settings-http.js';

/**
 * Settings errors are read by people in the panel: when the caller states no language, they
 * should come in the principal's own locale (from the host's token) rather than the API default.
 * The global exception filter negotiates from Accept-Language only, so the principal's locale is
 * supplied as that header for these routes. (A filter that falls back to the principal's locale
 * itself would make this interceptor unnecessary.)
 */
@Injectable()
export class PrincipalLanguageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['accept-language'];
    const principal = principalOf(request);
    if (principal !== undefined && expressesNoPreference(header)) {
      request.headers['accept-language'] = principal.locale;
    }
    return next.handle();
  }
}
