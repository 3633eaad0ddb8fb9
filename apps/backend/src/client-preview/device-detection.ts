import type { GuestBrowserType, GuestOsType } from '@switchboard/host-contract';
import Bowser from 'bowser';

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'unknown';

export interface DeviceFacts {
  deviceType: DeviceType;
  os: string | null;
  browser: string | null;
}

/** What the host knows of the client's software: a user agent (extension) and v1's enums. */
export interface GuestSoftware {
  userAgent?: string | null;
  os?: GuestOsType | null;
  browser?: GuestBrowserType | null;
}

const OS_NAMES: Partial<Record<GuestOsType, string>> = {
  WINDOWS: 'Windows',
  OSX: 'macOS',
  LINUX: 'Linux',
  ANDROID: 'Android',
  IOS: 'iOS',
};

/** v1 reports only the OS family; phones and tablets cannot be told apart from it. */
const DEVICE_BY_OS: Partial<Record<GuestOsType, DeviceType>> = {
  WINDOWS: 'desktop',
  OSX: 'desktop',
  LINUX: 'desktop',
  ANDROID: 'mobile',
  IOS: 'mobile',
};

const BROWSER_NAMES: Partial<Record<GuestBrowserType, string>> = {
  IE_LOW: 'Internet Explorer',
  IE_8: 'Internet Explorer',
  IE_9: 'Internet Explorer',
  IE_10: 'Internet Explorer',
  IE_11: 'Internet Explorer',
  IE_HI: 'Internet Explorer',
  CHROME: 'Chrome',
  OPERA: 'Opera',
  FF: 'Firefox',
  SAFARI: 'Safari',
  EDGE: 'Microsoft Edge',
  CHROMIUM_EDGE: 'Microsoft Edge',
};

const PLATFORM_DEVICES: Readonly<Record<string, DeviceType>> = {
  desktop: 'desktop',
  mobile: 'mobile',
  tablet: 'tablet',
};

const MAX_USER_AGENT = 1000;

/**
 * Device type, OS and browser of a client. The user agent decides when the host sent one (bowser
 * reads the platform: a phone, a tablet, a desktop); what it leaves open comes from v1's OS and
 * browser enums. TVs, consoles and bots are `unknown` devices: an operator cannot act on them.
 */
export function detectDevice(guest: GuestSoftware): DeviceFacts {
  const enumOs = guest.os ? (OS_NAMES[guest.os] ?? null) : null;
  const enumBrowser = guest.browser ? (BROWSER_NAMES[guest.browser] ?? null) : null;
  const enumDevice = guest.os ? (DEVICE_BY_OS[guest.os] ?? 'unknown') : 'unknown';
  const userAgent = guest.userAgent?.trim().slice(0, MAX_USER_AGENT) ?? '';
  if (userAgent === '') return { deviceType: enumDevice, os: enumOs, browser: enumBrowser };

  const parsed = Bowser.parse(userAgent);
  const platform = parsed.platform.type;
  const fromAgent = platform === undefined ? undefined : PLATFORM_DEVICES[platform];
  const deviceType =
    fromAgent ?? (platform === undefined || platform === '' ? enumDevice : 'unknown');
  return {
    deviceType,
    os: nonEmpty(parsed.os.name) ?? enumOs,
    browser: nonEmpty(parsed.browser.name) ?? enumBrowser,
  };
}

function nonEmpty(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text;
}
