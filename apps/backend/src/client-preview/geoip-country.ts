import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { join } from 'node:path';
import { Reader, type CountryResponse } from 'mmdb-lib';
import { backendDir } from '../config/paths.js';

/**
 * The country database: `@ip-location-db/geo-whois-asn-country-mmdb`, IPv4 and IPv6 in one MMDB
 * file inside the npm package (no download at install or run time). Its data (RIR WHOIS, ASN and
 * geofeeds) is CC BY 4.0 by the NRO and the package CC0, so a commercial product may ship it;
 * MaxMind's GeoLite2 (geoip-lite, geoip-country) needs the GeoLite2 EULA. Any MMDB that answers
 * `country_code` or GeoIP2's `country.iso_code` works in its place.
 */
export const GEOIP_DATABASE =
  '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

export const UNKNOWN_COUNTRY = 'unknown';

/** ip-location-db's record (`country_code`) or GeoIP2 Country's (`country.iso_code`). */
interface CountryRecord {
  country_code?: string;
  country?: { iso_code?: string };
}

/**
 * Special-purpose ranges (IANA IPv4 and IPv6 special-purpose registries): private, shared,
 * loopback, link-local, documentation, benchmarking, multicast, reserved. They locate nobody, and
 * the database gives some of them a country (192.168.0.0/16 reads AU), so they are never looked up.
 */
const SPECIAL_V4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const SPECIAL_V6: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const special = new BlockList();
for (const [network, prefix] of SPECIAL_V4) special.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of SPECIAL_V6) special.addSubnet(network, prefix, 'ipv6');

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The address in canonical form with its family, or null when it is no IP address. */
export function parseAddress(text: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  // A zone id (fe80::1%eth0) names an interface, not a place.
  const trimmed = text.trim().replace(/%.*$/, '');
  const mapped = MAPPED_V4.exec(trimmed);
  const address = mapped?.[1] ?? trimmed;
  const version = isIP(address);
  if (version === 0) return null;
  return { address, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export function isSpecialPurpose(address: string, family: 'ipv4' | 'ipv6'): boolean {
  return special.check(address, family);
}

/**
 * Country of an IP address from the offline database, loaded once on first use (about 8 MB).
 * Private, reserved, malformed and unlisted addresses are `unknown`, never an error.
 */
export class GeoIpCountry {
  private reader: Reader<CountryResponse> | null = null;

  constructor(private readonly databaseFile: string = defaultDatabaseFile()) {}

  country(ip: string | null | undefined): string {
    if (ip === null || ip === undefined) return UNKNOWN_COUNTRY;
    const parsed = parseAddress(ip);
    if (parsed === null || isSpecialPurpose(parsed.address, parsed.family)) return UNKNOWN_COUNTRY;
    const record = this.database().get(parsed.address) as CountryRecord | null;
    const code = record?.country_code ?? record?.country?.iso_code;
    return code !== undefined && /^[A-Z]{2}$/.test(code) ? code : UNKNOWN_COUNTRY;
  }

  private database(): Reader<CountryResponse> {
    this.reader ??= new Reader<CountryResponse>(readFileSync(this.databaseFile));
    return this.reader;
  }
}

export function defaultDatabaseFile(): string {
  return createRequire(join(backendDir, 'package.json')).resolve(GEOIP_DATABASE);
}
