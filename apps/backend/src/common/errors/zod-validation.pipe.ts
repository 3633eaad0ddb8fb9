import { Body, type PipeTransform, Query } from '@nestjs/common';
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { zodFieldProblems } from './zod-problems.js';

type Def = z.core.$ZodTypeDef & Record<string, unknown>;
type Schema = z.core.$ZodType;

const mergeDefs = z.core.util.mergeDefs as (def: Def, overrides: Record<string, unknown>) => Def;

/**
 * A copy of `schema` in which every object refuses unknown keys, however deep it sits (inside
 * arrays, optionals, unions, records...). Objects given an explicit catch-all (`.loose()`,
 * `.catchall(...)`) keep it; intersections and lazy schemas are left as they are, because
 * strictness on either side of an intersection would reject the other side's keys.
 */
export function strictDeep<T extends Schema>(schema: T): T {
  const seen = new Map<Schema, Schema>();
  const visit = (node: Schema): Schema => {
    const done = seen.get(node);
    if (done !== undefined) return done;
    const def = node._zod.def as Def;
    const clone = (overrides: Record<string, unknown>): Schema =>
      z.core.clone(node, mergeDefs(def, overrides));
    let result: Schema;
    switch (def.type) {
      case 'object': {
        const objectDef = def as unknown as z.core.$ZodObjectDef;
        const shape = Object.fromEntries(
          Object.entries(objectDef.shape).map(([key, value]) => [key, visit(value)]),
        );
        result = clone({ shape, catchall: objectDef.catchall ?? z.never() });
        break;
      }
      case 'array':
        result = clone({ element: visit((def as unknown as z.core.$ZodArrayDef).element) });
        break;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        result = clone({ innerType: visit(def['innerType'] as Schema) });
        break;
      case 'union':
        result = clone({ options: (def['options'] as Schema[]).map(visit) });
        break;
      case 'record':
        result = clone({ valueType: visit(def['valueType'] as Schema) });
        break;
      case 'tuple': {
        const rest = def['rest'] as Schema | null | undefined;
        result = clone({
          items: (def['items'] as Schema[]).map(visit),
          rest: rest ? visit(rest) : rest,
        });
        break;
      }
      case 'pipe':
        result = clone({ in: visit(def['in'] as Schema) });
        break;
      default:
        result = node;
    }
    seen.set(node, result);
    return result;
  };
  return visit(schema) as T;
}

/**
 * Validates a request part with a zod schema made strict throughout, so unknown fields are
 * refused (422 `validation_failed`, one `unknown_field` error per key) rather than dropped.
 */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  private readonly schema: T;

  constructor(schema: T) {
    this.schema = strictDeep(schema);
  }

  transform(value: unknown): z.output<T> {
    // reportInput lets the error mapping tell a missing field from a wrongly typed one.
    const result = this.schema.safeParse(value, { reportInput: true });
    if (!result.success) throw ApiError.validation(zodFieldProblems(result.error));
    return result.data;
  }
}

/** `@ZodBody(schema) body: z.output<typeof schema>` */
export const ZodBody = (schema: z.ZodType): ParameterDecorator =>
  Body(new ZodValidationPipe(schema));

/** `@ZodQuery(schema) query: z.output<typeof schema>` */
export const ZodQuery = (schema: z.ZodType): ParameterDecorator =>
  Query(new ZodValidationPipe(schema));
