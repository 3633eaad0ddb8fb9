import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendDir } from '../config/paths.js';
import { detectDevice } from './device-detection.js';

interface UserAgentCase {
  name: string;
  userAgent: string;
  deviceType: string;
  os: string | null;
  browser: string | null;
}

const corpus = JSON.parse(
  readFileSync(join(backendDir, 'test/fixtures/admission/user-agents.json'), 'utf8'),
) as UserAgentCase[];

describe('detectDevice', () => {
  it('has a corpus of at least 50 current browsers and devices of every device type', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((c) => c.deviceType))).toEqual(
      new Set(['desktop', 'mobile', 'tablet', 'unknown']),
    );
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(detectDevice({ userAgent: c.userAgent })).toEqual({
      deviceType: c.deviceType,
      os: c.os,
      browser: c.browser,
    });
  });

  it("falls back to v1's OS and browser families without a user agent", () => {
    expect(detectDevice({ os: 'ANDROID', browser: 'CHROME' })).toEqual({
      deviceType: 'mobile',
      os: 'Android',
      browser: 'Chrome',
    });
    expect(detectDevice({ os: 'OSX', browser: 'SAFARI', userAgent: '  ' })).toEqual({
      deviceType: 'desktop',
      os: 'macOS',
      browser: 'Safari',
    });
    expect(detectDevice({ os: 'OTHER', browser: 'OTHER' })).toEqual({
      deviceType: 'unknown',
      os: null,
      browser: null,
    });
  });

  it('fills what the user agent leaves open from the enums', () => {
    expect(detectDevice({ userAgent: 'curl/8.5.0', os: 'LINUX', browser: 'FF' })).toEqual({
      deviceType: 'desktop',
      os: 'Linux',
      browser: 'Firefox',
    });
  });
});
