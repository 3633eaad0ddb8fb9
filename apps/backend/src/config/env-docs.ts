import type { z } from 'zod';
import { envSchema } from './env.js';

/** A variable of the env schema as the configuration table documents it. */
export interface EnvVariable {
  name: string;
  /** The default as written in the environment; undefined when the schema has none. */
  default: string | undefined;
}

interface DefLike {
  type: string;
  defaultValue?: unknown;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

/**
 * The raw default of a field: the value a `.default()` supplies before any transform (so
 * `SQLITE_PATH` reads `data/switchboard.sqlite`, not the absolute path it resolves to).
 */
function rawDefault(type: z.ZodType): unknown {
  const def = (type as unknown as { _zod: { def: DefLike } })._zod.def;
  switch (def.type) {
    case 'default':
    case 'prefault':
      return def.defaultValue;
    case 'pipe':
      return def.in === undefined ? undefined : rawDefault(def.in);
    case 'optional':
    case 'nullable':
    case 'readonly':
      return def.innerType === undefined ? undefined : rawDefault(def.innerType);
    default:
      return undefined;
  }
}

/** Every variable of the service's env schema with its default, in schema order. */
export function envVariables(schema: z.ZodObject = envSchema): EnvVariable[] {
  return Object.entries(schema.shape).map(([name, type]) => {
    const value = rawDefault(type as z.ZodType);
    // Env defaults are strings, numbers or booleans: what an environment variable can spell.
    const spelled =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    return { name, default: spelled };
  });
}
