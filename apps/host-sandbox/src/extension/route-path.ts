/** Contract templates use `{name}`; Fastify wants `:name`. */
export function routePath(template: string): string {
  return template.replace(/\{(\w+)\}/g, ':$1');
}
