import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import type { ApiClient } from './apiClient.js';

/** react-admin resource names → API paths (below the client's base URL). */
export const resourcePaths: Readonly<Record<string, string>> = {
  revisions: 'settings/revisions',
  audit: 'audit',
};

export const apiPathOf = (resource: string): string => resourcePaths[resource] ?? resource;

/**
 * react-admin's lists (revisions, audit) in the simple-rest dialect, sent through the one API
 * client so they carry the session, the language, and fail with an ApiProblem.
 */
export function createDataProvider(client: ApiClient): DataProvider {
  const rest = simpleRestProvider(client.baseUrl, client.httpClient);
  return new Proxy(rest, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      return (resource: unknown, ...rest: unknown[]): unknown =>
        (member as (...args: unknown[]) => unknown).call(
          target,
          typeof resource === 'string' ? apiPathOf(resource) : resource,
          ...rest,
        );
    },
  });
}
