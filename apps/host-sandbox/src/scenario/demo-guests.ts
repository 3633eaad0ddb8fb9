import type { SeededRandom } from '../common/random.js';
import type { Guest } from '../state/session.model.js';

const DEVICES = [
  {
    os: 'WINDOWS',
    browser: 'CHROME',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  },
  {
    os: 'OSX',
    browser: 'SAFARI',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  },
  {
    os: 'ANDROID',
    browser: 'CHROME',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  },
  {
    os: 'IOS',
    browser: 'SAFARI',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  },
  {
    os: 'IOS',
    browser: 'SAFARI',
    userAgent:
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  },
  {
    os: 'LINUX',
    browser: 'FF',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  },
] as const;

/** Public addresses of a few countries, so a GeoIP lookup on Switchboard's side has something to find. */
const IPS = [
  '185.8.236.10',
  '46.13.120.7',
  '78.80.12.44',
  '91.210.16.3',
  '81.2.69.160',
  '8.8.8.8',
  '2.16.10.1',
];
const LANGUAGES = ['cs', 'cs', 'cs', 'sk', 'en', 'de'];
const NAMES = [
  'Alena',
  'Bohumil',
  'Cyril',
  'Dana',
  'Emil',
  'Františka',
  'Gustav',
  'Hana',
  'Ivan',
  'Jitka',
];

export const DEMO_MESSAGES = [
  'Dobrý den, potřebuji poradit s objednávkou.',
  'Kdy mi dorazí zásilka?',
  'Nejde mi přihlásit se do účtu.',
  'Chtěl bych reklamovat zboží.',
  'Můžete mi zavolat zpět?',
  'Děkuji, to je vše.',
];

export const OPERATOR_REPLIES = [
  'Dobrý den, hned se na to podívám.',
  'Rozumím, moment prosím.',
  'Vyřešeno, je ještě něco?',
];

/** A plausible web client; returning clients (same tracking id) show up now and then. */
export function demoGuest(random: SeededRandom, index: number): Partial<Guest> {
  const device = DEVICES[random.int(DEVICES.length)] ?? DEVICES[0];
  const returning = index > 3 && random.next() < 0.25;
  const trackedIndex = returning ? random.int(index) : index;
  const name = NAMES[random.int(NAMES.length)] ?? 'Host';
  return {
    ipAddress: IPS[random.int(IPS.length)] ?? null,
    os: device.os,
    browser: device.browser,
    userAgent: device.userAgent,
    language: LANGUAGES[random.int(LANGUAGES.length)] ?? 'cs',
    trackedId: `trk-${String(trackedIndex).padStart(6, '0')}`,
    name,
    email: random.next() < 0.5 ? `klient${trackedIndex}@example.cz` : null,
  };
}

export function demoPhone(random: SeededRandom): string {
  return `+420 7${String(random.int(100_000_000)).padStart(8, '0')}`;
}
