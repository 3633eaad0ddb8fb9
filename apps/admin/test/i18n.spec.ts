import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BAN_DURATIONS,
  CATEGORIES,
  ERROR_MESSAGE_KEYS,
  LINT_CODES,
  SETTING_KEYS,
  WEEKDAYS,
  settingsRegistry,
} from '@switchboard/settings-model';
import { AUDIT_OUTCOMES } from '../src/audit/AuditList.js';
import { cs } from '../src/i18n/cs.js';
import { en } from '../src/i18n/en.js';
import { formatLocaleOf, startLocale } from '../src/i18n/i18nProvider.js';
import { BAN_KINDS, BAN_STATUSES } from '../src/bans/BansList.js';
import { CHARTS } from '../src/dashboard/Dashboard.js';
import { JOB_STATES } from '../src/jobs/JobsPage.js';
import {
  ITEM_REASONS,
  ITEM_STATUSES,
  LEDGER_CATEGORIES,
  RUN_STATUSES,
} from '../src/providers/anonymizationApi.js';
import { REVISION_KINDS } from '../src/revisions/RevisionList.js';
import { ALL_DURATION_UNITS } from '../src/settings/duration.js';

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    leafKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('admin translations', () => {
  it('have a Czech message for every English key, react-admin keys included', () => {
    const czech = new Set(leafKeys(cs));
    const missing = leafKeys(en).filter((key) => !czech.has(key));
    expect(missing).toEqual([]);
  });

  it('have no Czech message that English lacks', () => {
    const english = new Set(leafKeys(en));
    expect(leafKeys(cs).filter((key) => !english.has(key))).toEqual([]);
  });

  it('translate the keys react-admin 5.15 added after ra-language-czech 5.7', () => {
    expect(cs.ra.action.reset).toBe('Obnovit');
    expect(cs.ra.notification.offline).toMatch(/připojení/);
  });

  it("start in the host's language, else the one the user chose, else the brand's", () => {
    const start = (hostLanguage: string | null, remembered: unknown) =>
      startLocale({ hostLanguage, remembered, brandDefault: 'cs' });
    expect(start(null, undefined)).toBe('cs');
    expect(startLocale({ hostLanguage: null, remembered: undefined, brandDefault: 'en' })).toBe(
      'en',
    );
    expect(start(null, 'en')).toBe('en');
    expect(start('en', 'cs')).toBe('en');
    expect(start('de', 'en')).toBe('en');
    expect(start('de', 'fr')).toBe('cs');
  });

  it('format dates and numbers the way each language writes them', () => {
    const when = new Date(Date.UTC(2026, 10, 25, 14, 5));
    const format = (locale: string) =>
      new Intl.DateTimeFormat(formatLocaleOf(locale), {
        dateStyle: 'short',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(when);
    expect(format('cs')).toBe('25.11.26 14:05');
    expect(format('en')).toBe('25/11/2026, 14:05');
    expect(new Intl.NumberFormat(formatLocaleOf('cs')).format(12345.5)).toBe('12\u00a0345,5');
    expect(new Intl.NumberFormat(formatLocaleOf('en')).format(12345.5)).toBe('12,345.5');
  });
});

describe('every message the panel uses', () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
    });
  const root = join(__dirname, '..', 'src');
  const catalogs = { cs: new Set(leafKeys(cs)), en: new Set(leafKeys(en)) };

  /** Keys written out whole in the source: 'switchboard.…', 'settings.…', 'ra.…'. */
  const literalKeys = [
    ...new Set(
      sourceFiles(root)
        .filter((file) => !file.includes(`${join('src', 'i18n')}`))
        .flatMap((file) =>
          [
            ...readFileSync(file, 'utf8').matchAll(
              /['"]((?:switchboard|settings|ra)\.[\w.]+[\w])['"]/g,
            ),
          ].map((match) => match[1] ?? ''),
        ),
    ),
  ].sort();

  /** Keys the source builds from a value (`switchboard.history.kinds.${kind}`), expanded. */
  const builtKeys = [
    ...REVISION_KINDS.map((kind) => `switchboard.history.kinds.${kind}`),
    ...AUDIT_OUTCOMES.map((outcome) => `switchboard.audit.outcomes.${outcome}`),
    ...['user', 'host', 'system'].map((type) => `switchboard.audit.actorTypes.${type}`),
    ...['start', 'end'].flatMap((side) => [
      `switchboard.hours.${side}Of`,
      `settings.common.interval.${side}.label`,
    ]),
    ...ALL_DURATION_UNITS.flatMap((unit) => [
      `switchboard.duration.${unit}`,
      `settings.units.${unit}`,
    ]),
    'settings.units.megabytes',
    ...CATEGORIES.map((category) => `settings.areas.${category}`),
    ...['default', 'tenant', 'package'].map((level) => `settings.provenance.${level}`),
    ...WEEKDAYS.map((day) => `settings.options.weekday.${day}`),
    ...RUN_STATUSES.map((status) => `switchboard.anonymization.statuses.${status}`),
    ...ITEM_STATUSES.map((status) => `switchboard.anonymization.itemStatuses.${status}`),
    ...LEDGER_CATEGORIES.map((category) => `switchboard.anonymization.categories.${category}`),
    ...['schedule', 'manual'].map((trigger) => `switchboard.anonymization.triggers.${trigger}`),
    ...ITEM_REASONS.map((reason) => `switchboard.anonymization.reasons.${reason}`),
    ...JOB_STATES.map((state) => `switchboard.jobs.states.${state}`),
    ...BAN_KINDS.map((kind) => `switchboard.bans.kinds.${kind}`),
    ...BAN_STATUSES.map((status) => `switchboard.bans.statuses.${status}`),
    ...['operator', 'supervisor', 'admin'].map((role) => `switchboard.bans.roles.${role}`),
    ...BAN_DURATIONS.map((duration) => `settings.options.banDuration.${duration}`),
    ...CHARTS.flatMap((chart) => [
      `switchboard.dashboard.charts.${chart.id}.title`,
      `switchboard.dashboard.charts.${chart.id}.help`,
      ...chart.series.map(({ key }) => `switchboard.dashboard.series.${key}`),
    ]),
  ];

  /** Every label, help, option and error key the generated forms take from the model. */
  const modelKeys = [
    ...SETTING_KEYS.flatMap((key) => {
      const { labelKey, helpKey, ui } = settingsRegistry[key];
      const fields = Object.values(ui.fields ?? {});
      return [
        labelKey,
        helpKey,
        ...(ui.options ?? []).map((option) => option.labelKey),
        ...fields.flatMap((field) => [
          field.labelKey,
          ...(field.helpKey ? [field.helpKey] : []),
          ...(field.options ?? []).map((option) => option.labelKey),
        ]),
      ];
    }),
    ...ERROR_MESSAGE_KEYS,
    ...LINT_CODES.map((code) => `settings.lint.${code}`),
  ];

  it('finds the keys written in the source', () => {
    expect(literalKeys).toEqual(
      expect.arrayContaining(['switchboard.settings.saved', 'settings.title']),
    );
  });

  it.each([['cs'], ['en']] as const)('exist in %s', (locale) => {
    const missing = [...literalKeys, ...builtKeys, ...modelKeys].filter(
      (key) => !catalogs[locale].has(key),
    );
    expect(missing).toEqual([]);
  });
});
