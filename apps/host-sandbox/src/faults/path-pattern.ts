/**
 * `*` matches one path segment, `**` any rest; matching ignores case (like the host's paths) and
 * the query string.
 */
export function pathMatches(pattern: string, url: string): boolean {
  const path = (url.split('?')[0] ?? '').toLowerCase().replace(/\/+$/, '');
  const source = pattern
    .toLowerCase()
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.split('*').map(escape).join('[^/]*')))
    .join('/');
  return new RegExp(`^${source}$`).test(path);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
