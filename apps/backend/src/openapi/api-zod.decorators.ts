import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Schemas that zod emits as definitions (recursive or shared parts), hoisted here under unique
 * names and merged into `components.schemas` by `createOpenApiDocument`: a `$ref` into an
 * operation's own `definitions` would not resolve in an OpenAPI document.
 */
export const zodComponentSchemas = new Map<string, SchemaObject>();
let componentCounter = 0;

function rewriteRefs(node: unknown, refs: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, refs));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? (refs.get(value) ?? value)
        : rewriteRefs(value, refs),
    ]),
  );
}

/**
 * The OpenAPI 3.0 schema of a zod schema, as the request (`input`) or the response (`output`)
 * sees it. Zod is the single source: the same schema validates and documents.
 */
export function zodOpenApiSchema(
  schema: z.ZodType,
  io: 'input' | 'output' = 'input',
): SchemaObject {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    // Transforms and the like have no JSON Schema; they document as "any value" here.
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  delete json['$schema'];
  const definitions = { ...(json['definitions'] ?? json['$defs'] ?? {}) } as Record<
    string,
    unknown
  >;
  delete json['definitions'];
  delete json['$defs'];
  const refs = new Map<string, string>();
  const rootName = `ZodSchema${++componentCounter}`;
  // A recursive root refers to itself as '#'.
  refs.set('#', `#/components/schemas/${rootName}`);
  const names = Object.keys(definitions).map((key) => {
    const name = `ZodSchema${++componentCounter}`;
    refs.set(`#/definitions/${key}`, `#/components/schemas/${name}`);
    refs.set(`#/$defs/${key}`, `#/components/schemas/${name}`);
    return [key, name] as const;
  });
  for (const [key, name] of names) {
    zodComponentSchemas.set(name, rewriteRefs(definitions[key], refs) as SchemaObject);
  }
  const root = rewriteRefs(json, refs) as SchemaObject;
  if (JSON.stringify(root).includes(`"#/components/schemas/${rootName}"`)) {
    zodComponentSchemas.set(rootName, root);
    return { $ref: `#/components/schemas/${rootName}` } as SchemaObject;
  }
  return root;
}

/** Documents a JSON request body validated by `@ZodBody(schema)`. */
export const ApiZodBody = (schema: z.ZodType, description?: string): MethodDecorator =>
  ApiBody({
    schema: zodOpenApiSchema(schema, 'input'),
    ...(description === undefined ? {} : { description }),
  });

/** Documents one response; without a schema, a response without a body (e.g. 204). */
export const ApiZodResponse = (
  status: number,
  schema?: z.ZodType,
  description = '',
): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status,
    description,
    ...(schema === undefined ? {} : { schema: zodOpenApiSchema(schema, 'output') }),
  });

/** Documents each top-level field of a zod object schema validated by `@ZodQuery(schema)`. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = zodOpenApiSchema(schema, 'input');
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }),
    ),
  );
}

/** Documents the react-admin list parameters of `listQuerySchema` (each a JSON string). */
export function ApiListQuery(options: {
  sortable: readonly string[];
  filter?: z.ZodType;
}): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'sort',
      required: false,
      description: `JSON [field, "ASC"|"DESC"]; field one of: ${options.sortable.join(', ')}`,
      schema: { type: 'string', example: `["${options.sortable[0] ?? 'id'}","DESC"]` },
    }),
    ApiQuery({
      name: 'range',
      required: false,
      description: 'JSON [first, last], inclusive, zero-based',
      schema: { type: 'string', example: '[0,24]' },
    }),
    ApiQuery({
      name: 'filter',
      required: false,
      description:
        options.filter === undefined
          ? 'JSON object of filters'
          : `JSON object: ${JSON.stringify(zodOpenApiSchema(options.filter, 'input'))}`,
      schema: { type: 'string', example: '{}' },
    }),
  );
}
