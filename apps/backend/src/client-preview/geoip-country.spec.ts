import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendDir } from '../config/paths.js';
import { GeoIpCountry, parseAddress } from './geoip-country.js';

interface IpCase {
  ip: string;
  country: string;
  note: string;
}

const corpus = JSON.parse(
  readFileSync(join(backendDir, 'test/fixtures/admission/ips.json'), 'utf8'),
) as IpCase[];

describe('GeoIpCountry (offline database shipped in the npm package)', () => {
  const geo = new GeoIpCountry();

  it('has at least 20 addresses: IPv4 and IPv6, public and private', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    const families = corpus.map((c) => parseAddress(c.ip)?.family);
    expect(families).toEqual(expect.arrayContaining(['ipv4', 'ipv6']));
    expect(corpus.filter((c) => c.country === 'unknown').length).toBeGreaterThanOrEqual(8);
    expect(corpus.filter((c) => c.country !== 'unknown').length).toBeGreaterThanOrEqual(10);
  });

  it.each(corpus.map((c) => [`${c.ip || '(empty)'}: ${c.note}`, c] as const))('%s', (_name, c) => {
    expect(geo.country(c.ip)).toBe(c.country);
  });

  it('answers unknown for no address at all', () => {
    expect(geo.country(null)).toBe('unknown');
    expect(geo.country(undefined)).toBe('unknown');
  });
});
