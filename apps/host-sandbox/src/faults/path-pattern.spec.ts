import { pathMatches } from './path-pattern.js';

describe('fault rule path patterns', () => {
  it('matches literally, ignoring case, a trailing slash and the query string', () => {
    expect(pathMatches('/api/v1/Sessions', '/api/v1/sessions?limit=5')).toBe(true);
    expect(pathMatches('/api/v1/Sessions', '/api/v1/Sessions/')).toBe(true);
    expect(pathMatches('/api/v1/Sessions', '/api/v1/Sessions/1')).toBe(false);
  });

  it('lets * stand for one segment and ** for any rest', () => {
    expect(pathMatches('/api/v1/Sessions/*', '/api/v1/Sessions/100001')).toBe(true);
    expect(pathMatches('/api/v1/Sessions/*', '/api/v1/Sessions/1/files')).toBe(false);
    expect(pathMatches('/api/v1/Sessions/*/files', '/api/v1/Sessions/1/files')).toBe(true);
    expect(pathMatches('/api/v1/**', '/api/v1/extension/caller-ids')).toBe(true);
    expect(pathMatches('/api/v1/**', '/login/connect/token')).toBe(false);
  });

  it('treats regex characters in a pattern literally', () => {
    expect(pathMatches('/api/v1/a.b', '/api/v1/a.b')).toBe(true);
    expect(pathMatches('/api/v1/a.b', '/api/v1/axb')).toBe(false);
  });
});
