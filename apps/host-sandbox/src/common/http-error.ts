/** An error answered as `{ code, message, path? }` with its status (see the error handler). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError =>
  new HttpError(404, 'not_found', `${what} not found`);
export const badRequest = (message: string, path?: string): HttpError =>
  new HttpError(400, 'invalid_request', message, path);
