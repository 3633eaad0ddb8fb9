import type { MessageKey } from '../i18n/en.js';
import { type Language, type MessageParams, translate } from '../i18n/translate.js';

/** Text supplied in both languages by its owner (e.g. a settings-model message). */
export type LocalizedText = Readonly<Record<Language, string>>;

/** A message not yet rendered: a backend catalog key with parameters, or ready-made text. */
export type ProblemMessage =
  { readonly key: MessageKey; readonly params?: MessageParams } | { readonly text: LocalizedText };

/** One invalid field: `path` is dotted (`email.replyTo`, `items.0.name`), '' for the body itself. */
export interface FieldProblem {
  readonly path: string;
  readonly code: string;
  readonly message: ProblemMessage;
}

/** A failed request, independent of the caller's language. */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly message: ProblemMessage;
  readonly errors?: readonly FieldProblem[];
  /** Machine-readable extras a client needs to recover (e.g. the current version on a 409). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The one error body of the whole API. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { path: string; code: string; message: string }[];
  details?: Record<string, unknown>;
}

export function renderMessage(message: ProblemMessage, language: Language): string {
  return 'text' in message
    ? message.text[language]
    : translate(language, message.key, message.params);
}

export function renderProblem(problem: ApiProblem, language: Language): ErrorBody {
  const body: ErrorBody = {
    statusCode: problem.status,
    code: problem.code,
    message: renderMessage(problem.message, language),
  };
  if (problem.errors !== undefined && problem.errors.length > 0) {
    body.errors = problem.errors.map(({ path, code, message }) => ({
      path,
      code,
      message: renderMessage(message, language),
    }));
  }
  if (problem.details !== undefined) body.details = { ...problem.details };
  return body;
}
