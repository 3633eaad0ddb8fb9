import type { ErrorMessages } from '../settingsDraft.js';

/** What every generated control receives. `path` is the dotted settings path of its value. */
export interface ControlProps<V = unknown> {
  path: string;
  label: string;
  help?: string | undefined;
  value: V;
  onChange: (value: V) => void;
  disabled: boolean;
  /** Every message of the setting; a control shows those at (or, for lists, below) its path. */
  errors: ErrorMessages;
}

/** A stable DOM id for a settings path, for labels and for browser tests. */
export const idOf = (path: string): string => `setting-${path.replace(/[^\w-]/g, '-')}`;

/** The message for exactly this path, else the first one below it. */
export function errorAt(errors: ErrorMessages, path: string, below = false): string | undefined {
  if (errors[path] !== undefined) return errors[path];
  if (!below) return undefined;
  const prefix = `${path}.`;
  return Object.entries(errors).find(([p]) => p.startsWith(prefix))?.[1];
}
