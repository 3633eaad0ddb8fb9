/** Keys whose values never enter the audit log, at any depth. */
export const SENSITIVE_KEY = /secret|password|token|authorization|credential/i;

/**
 * A JSON-safe copy of `value` without any property named like a credential, however deep: the
 * audit log is read by supervisors and exported to spreadsheets, so secrets must never get there.
 */
export function redact(value: unknown): unknown {
  return visit(value, new WeakSet());
}

function visit(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => visit(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (SENSITIVE_KEY.test(key)) continue;
      const copied = visit(inner, seen);
      if (copied !== undefined) out[key] = copied;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
