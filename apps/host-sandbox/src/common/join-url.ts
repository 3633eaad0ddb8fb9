/** Joins a base URL that may carry a path (http://x/api/v1) with an absolute path (/hooks/y). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}
