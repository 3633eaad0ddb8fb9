/** One field's error in an API error body; `path` is dotted (`chat.transcriptReplyTo.companyAddress`). */
export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

/** One stored-value change as the settings API reports it (revisions, conflicts, import dry runs). */
export interface SettingChangeRecord {
  scope: 'tenant' | 'package';
  packageId?: string;
  key: string;
  /** The stored value before; null (or absent) when it was inherited. */
  before: unknown;
  /** The stored value after; null (or absent) when it now inherits. */
  after: unknown;
}

export interface VersionConflictDetails {
  currentVersion: number;
  changesSince: SettingChangeRecord[];
}

/** The body every backend error carries. */
export interface ProblemBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: ProblemFieldError[];
  details?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.path === 'string'
      ? [
          {
            path: item.path,
            code: typeof item.code === 'string' ? item.code : 'invalid',
            message: typeof item.message === 'string' ? item.message : '',
          },
        ]
      : [],
  );
}

function parseChange(value: unknown): SettingChangeRecord[] {
  if (!isRecord(value) || typeof value.key !== 'string') return [];
  const scope = value.scope === 'package' ? 'package' : 'tenant';
  return [
    {
      scope,
      ...(typeof value.packageId === 'string' ? { packageId: value.packageId } : {}),
      key: value.key,
      before: value.before ?? null,
      after: value.after ?? null,
    },
  ];
}

export function parseChanges(value: unknown): SettingChangeRecord[] {
  return Array.isArray(value) ? value.flatMap(parseChange) : [];
}

/**
 * A failed API call, typed. It also carries `status` and `body`, the two properties react-admin
 * reads from a data provider error (checkError, notifications).
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly ProblemFieldError[];
  readonly details: unknown;
  readonly body: ProblemBody;

  constructor(body: ProblemBody) {
    super(body.message);
    this.name = 'ApiProblem';
    this.status = body.statusCode;
    this.code = body.code;
    this.errors = body.errors ?? [];
    this.details = body.details;
    this.body = body;
  }

  /** Reads any answer: our error shape, or a proxy's HTML/empty page (then `http_<status>`). */
  static fromBody(status: number, statusText: string, payload: unknown): ApiProblem {
    if (isRecord(payload) && typeof payload.code === 'string') {
      return new ApiProblem({
        statusCode: typeof payload.statusCode === 'number' ? payload.statusCode : status,
        code: payload.code,
        message: typeof payload.message === 'string' ? payload.message : statusText,
        errors: parseFieldErrors(payload.errors),
        details: payload.details,
      });
    }
    return new ApiProblem({
      statusCode: status,
      code: `http_${status}`,
      message: statusText || `HTTP ${status}`,
    });
  }

  static network(cause: unknown): ApiProblem {
    const message = cause instanceof Error ? cause.message : 'Network error';
    return new ApiProblem({ statusCode: 0, code: 'network_error', message });
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** For 409 `version_conflict`: the version now stored and what changed since the one edited. */
  get conflict(): VersionConflictDetails | undefined {
    if (this.status !== 409 || this.code !== 'version_conflict') return undefined;
    const details = isRecord(this.details) ? this.details : {};
    return {
      currentVersion: typeof details.currentVersion === 'number' ? details.currentVersion : NaN,
      changesSince: parseChanges(details.changesSince),
    };
  }

  /** Field errors by dotted path (the first message wins when a path repeats). */
  fieldErrors(): Record<string, string> {
    const byPath: Record<string, string> = {};
    for (const error of this.errors) byPath[error.path] ??= error.message;
    return byPath;
  }
}

export const isApiProblem = (error: unknown): error is ApiProblem => error instanceof ApiProblem;
