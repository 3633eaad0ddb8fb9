import type { z } from 'zod';
import type { FieldProblem } from './api-problem.js';

type Issue = z.core.$ZodIssue;

export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, path: string): FieldProblem {
  const params = { minimum: issue.minimum };
  const key =
    issue.origin === 'string'
      ? 'field.too_small.string'
      : issue.origin === 'array' || issue.origin === 'set'
        ? 'field.too_small.array'
        : issue.inclusive === false
          ? 'field.too_small.number_exclusive'
          : 'field.too_small.number';
  return { path, code: 'too_small', message: { key, params } };
}

function tooBig(issue: z.core.$ZodIssueTooBig, path: string): FieldProblem {
  const params = { maximum: issue.maximum };
  const key =
    issue.origin === 'string'
      ? 'field.too_big.string'
      : issue.origin === 'array' || issue.origin === 'set'
        ? 'field.too_big.array'
        : issue.inclusive === false
          ? 'field.too_big.number_exclusive'
          : 'field.too_big.number';
  return { path, code: 'too_big', message: { key, params } };
}

function fromIssue(issue: Issue): FieldProblem[] {
  const path = issuePath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      // `input` is present only when parsed with `reportInput` (our pipe does): then a missing
      // value can be told apart from a value of the wrong type.
      return 'input' in issue && issue.input === undefined
        ? [{ path, code: 'required', message: { key: 'field.required' } }]
        : [
            {
              path,
              code: 'invalid_type',
              message: { key: 'field.invalid_type', params: { expected: issue.expected } },
            },
          ];
    case 'too_small':
      return [tooSmall(issue, path)];
    case 'too_big':
      return [tooBig(issue, path)];
    case 'invalid_format':
      return [
        {
          path,
          code: 'invalid_format',
          message: { key: 'field.invalid_format', params: { format: issue.format } },
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          code: 'invalid_value',
          message: {
            key: 'field.invalid_value',
            params: { values: issue.values.map((v) => JSON.stringify(v)).join(', ') },
          },
        },
      ];
    case 'not_multiple_of':
      return [
        {
          path,
          code: 'not_multiple_of',
          message: { key: 'field.not_multiple_of', params: { divisor: issue.divisor } },
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: issuePath([...issue.path, key]),
        code: 'unknown_field',
        message: { key: 'field.unknown_field' },
      }));
    case 'custom': {
      // A refinement may name its own stable code: `ctx.addIssue({ code: 'custom', params: { code } })`.
      const code: unknown = issue.params?.['code'];
      return [
        {
          path,
          code: typeof code === 'string' ? code : 'invalid',
          message: { key: 'field.invalid' },
        },
      ];
    }
    default:
      return [{ path, code: 'invalid', message: { key: 'field.invalid' } }];
  }
}

/** Zod issues as field problems with stable codes (one per unknown key). */
export function zodFieldProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.flatMap(fromIssue);
}
