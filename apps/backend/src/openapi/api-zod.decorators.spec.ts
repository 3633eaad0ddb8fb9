import { z } from 'zod';
import { zodComponentSchemas, zodOpenApiSchema } from './api-zod.decorators.js';

describe('zodOpenApiSchema', () => {
  it('gives a strict object schema with required fields', () => {
    expect(zodOpenApiSchema(z.strictObject({ a: z.string(), b: z.number().optional() }))).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('hoists recursive parts into components so every $ref resolves', () => {
    type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
    const json: z.ZodType<Json> = z.lazy(() =>
      z.union([
        z.string(),
        z.number(),
        z.boolean(),
        z.null(),
        z.array(json),
        z.record(z.string(), json),
      ]),
    );
    const schema = zodOpenApiSchema(z.object({ value: json }));
    const refs = JSON.stringify(schema).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect(zodComponentSchemas.has(name)).toBe(true);
      expect(JSON.stringify(zodComponentSchemas.get(name))).not.toContain('#/definitions/');
    }
    expect(JSON.stringify(schema)).not.toContain('definitions');
  });
});
