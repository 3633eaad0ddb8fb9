import { z } from 'zod';
import { ApiError } from './api-error.js';
import { strictDeep, ZodValidationPipe } from './zod-validation.pipe.js';

function rejection(pipe: ZodValidationPipe<z.ZodType>, value: unknown): ApiError {
  try {
    pipe.transform(value);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the pipe accepted the value');
}

const fieldCodes = (error: ApiError): { path: string; code: string }[] =>
  error.errors.map(({ path, code }) => ({ path, code }));

describe('ZodValidationPipe', () => {
  const schema = z.object({
    name: z.string().min(2),
    phone: z.object({ queue: z.number().int().max(50) }).optional(),
    rules: z.array(z.object({ day: z.enum(['mon', 'tue']) })),
    choice: z
      .union([
        z.object({ kind: z.literal('a') }),
        z.object({ kind: z.literal('b'), n: z.number() }),
      ])
      .optional(),
    tags: z.record(z.string(), z.object({ on: z.boolean() })).default({}),
  });
  const pipe = new ZodValidationPipe(schema);

  it('returns the parsed value, defaults applied', () => {
    expect(pipe.transform({ name: 'Jan', rules: [{ day: 'mon' }] })).toEqual({
      name: 'Jan',
      rules: [{ day: 'mon' }],
      tags: {},
    });
  });

  it('refuses unknown fields at every depth, one error per field', () => {
    const error = rejection(pipe, {
      name: 'Jan',
      extra: 1,
      phone: { queue: 3, colour: 'red' },
      rules: [{ day: 'mon', note: 'x' }],
      tags: { a: { on: true, x: 1 } },
    });
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(fieldCodes(error)).toEqual(
      expect.arrayContaining([
        { path: 'extra', code: 'unknown_field' },
        { path: 'phone.colour', code: 'unknown_field' },
        { path: 'rules.0.note', code: 'unknown_field' },
        { path: 'tags.a.x', code: 'unknown_field' },
      ]),
    );
    expect(error.errors).toHaveLength(4);
  });

  it('refuses unknown fields inside union members', () => {
    const error = rejection(pipe, { name: 'Jan', rules: [], choice: { kind: 'a', n: 1 } });
    expect(error.errors.length).toBeGreaterThan(0);
    expect(error.errors.every((e) => e.path.startsWith('choice'))).toBe(true);
  });

  it('tells a missing field from a wrongly typed one', () => {
    const error = rejection(pipe, { rules: 'x' });
    expect(fieldCodes(error)).toEqual([
      { path: 'name', code: 'required' },
      { path: 'rules', code: 'invalid_type' },
    ]);
  });

  it('reports ranges and enum values with stable codes', () => {
    const error = rejection(pipe, { name: 'J', phone: { queue: 51 }, rules: [{ day: 'sun' }] });
    expect(fieldCodes(error)).toEqual([
      { path: 'name', code: 'too_small' },
      { path: 'phone.queue', code: 'too_big' },
      { path: 'rules.0.day', code: 'invalid_value' },
    ]);
  });

  it('reports a body that is not an object at the root path', () => {
    expect(fieldCodes(rejection(pipe, 'text'))).toEqual([{ path: '', code: 'invalid_type' }]);
  });

  it('passes the stable code of a refinement through', () => {
    const refined = new ZodValidationPipe(
      z
        .object({ to: z.string().optional(), address: z.string().optional() })
        .superRefine((value, ctx) => {
          if (value.to === 'company' && !value.address) {
            ctx.addIssue({
              code: 'custom',
              path: ['address'],
              message: 'x',
              params: { code: 'company_address_required' },
            });
          }
        }),
    );
    expect(fieldCodes(rejection(refined, { to: 'company' }))).toEqual([
      { path: 'address', code: 'company_address_required' },
    ]);
    expect(fieldCodes(rejection(refined, { to: 'x', more: 1 }))).toEqual([
      { path: 'more', code: 'unknown_field' },
    ]);
  });
});

describe('strictDeep', () => {
  it('keeps an explicit catch-all and leaves the original schema untouched', () => {
    const loose = z.object({
      meta: z.looseObject({ a: z.string() }),
      inner: z.object({ b: z.number() }),
    });
    const strict = strictDeep(loose);
    expect(strict.safeParse({ meta: { a: 'x', other: 1 }, inner: { b: 1 } }).success).toBe(true);
    expect(strict.safeParse({ meta: { a: 'x' }, inner: { b: 1, c: 2 } }).success).toBe(false);
    expect(loose.safeParse({ meta: { a: 'x' }, inner: { b: 1, c: 2 } }).success).toBe(true);
  });

  it('keeps checks of the wrapped schemas', () => {
    const strict = strictDeep(
      z.object({
        list: z
          .array(z.object({ n: z.number() }))
          .min(1)
          .optional(),
      }),
    );
    expect(strict.safeParse({ list: [] }).success).toBe(false);
    expect(strict.safeParse({ list: [{ n: 1 }] }).success).toBe(true);
    expect(strict.safeParse({ list: [{ n: 1, m: 2 }] }).success).toBe(false);
  });
});
