import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import {
  anonymizationOn,
  badCases,
  callerIdsOn,
  goodCases,
  offlineCallbackOn,
} from '../test/setting-cases.js';
import { BAN_DURATIONS, PREVIEW_FIELDS, SESSION_CHANNELS } from './areas/general.settings.js';
import { RULES_OUTSIDE_JSON_SCHEMA, renderJsonSchemaFile, toJsonSchema } from './json-schema.js';
import { SETTING_KEYS, type SettingKey, defaultValues } from './registry.js';
import { validate } from './validate.js';

// ajv-formats is CommonJS and sets `module.exports.default` to the plugin itself, so `.default`
// is the plugin under both Node's ESM interop and Jest's CommonJS transform.
const addFormats = addFormatsModule.default;

function compile(schema: object): ValidateFunction {
  // Strict in every respect: a host with a strict validator must be able to load our schema.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const complete = compile(toJsonSchema());
const partial = compile(toJsonSchema({ partial: true }));

/** What a host would send: the value as JSON (undefined properties disappear). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify({ v: value })).v;

const patchOf = (key: SettingKey, value: unknown) => ({ [key]: asJson(value) });
const documentWith = (key: SettingKey, value: unknown) => ({
  ...defaultValues(),
  ...patchOf(key, value),
});

describe('JSON Schema export', () => {
  it('is a draft 2020-12 schema that a strict validator compiles', () => {
    const schema = toJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(SETTING_KEYS);
    expect(toJsonSchema({ partial: true }).required).toBeUndefined();
  });

  it('validates the defaults, and each default is the documented default', () => {
    expect(complete(defaultValues())).toBe(true);
    const properties = toJsonSchema().properties as Record<string, { default: unknown }>;
    for (const key of SETTING_KEYS) expect(properties[key]?.default).toEqual(defaultValues()[key]);
  });

  it('documents every property, nested ones included', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) {
        node.forEach((item, index) => walk(item, `${path}/${index}`));
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      for (const [keyword, child] of Object.entries(node)) {
        // Properties inside if/then/anyOf only restate documented ones.
        if (['if', 'then', 'anyOf', 'contains'].includes(keyword)) continue;
        if (keyword === 'properties' && typeof child === 'object' && child !== null) {
          for (const [name, property] of Object.entries(child)) {
            const doc = property as { description?: string };
            if (!doc.description) undocumented.push(`${path}/${name}`);
          }
        }
        walk(child, `${path}/${keyword}`);
      }
    };
    walk(toJsonSchema(), '');
    expect(undocumented).toEqual([]);
  });

  it('rejects unknown settings, and requires every setting unless partial', () => {
    expect(partial({ 'chat.colour': 'red' })).toBe(false);
    expect(partial({})).toBe(true);
    const { 'email.queueOrder': _dropped, ...incomplete } = defaultValues();
    expect(complete(incomplete)).toBe(false);
  });

  it.each(goodCases)('accepts $key: $name, like zod', ({ key, value }) => {
    expect(partial(patchOf(key, value))).toBe(true);
    expect(complete(documentWith(key, value))).toBe(true);
  });

  const expressible = badCases.filter((c) => c.jsonSchema !== 'cannot-express');
  const inexpressible = badCases.filter((c) => c.jsonSchema === 'cannot-express');

  it.each(expressible)('rejects $key: $name ($code), like zod', (c) => {
    expect(validate({ [c.key]: c.value }).ok).toBe(false);
    expect(partial(patchOf(c.key, c.value))).toBe(false);
    expect(complete(documentWith(c.key, c.value))).toBe(false);
  });

  it.each(inexpressible)('cannot state $key: $name ($code); zod catches it', (c) => {
    expect(validate({ [c.key]: c.value }).ok).toBe(false);
    expect(partial(patchOf(c.key, c.value))).toBe(true);
    expect(RULES_OUTSIDE_JSON_SCHEMA).toContainEqual(
      expect.objectContaining({ setting: c.key, code: c.code }),
    );
  });

  it('lists only rules that a case shows to be outside the JSON Schema', () => {
    for (const rule of RULES_OUTSIDE_JSON_SCHEMA) {
      expect(inexpressible).toContainEqual(
        expect.objectContaining({ key: rule.setting, code: rule.code }),
      );
    }
  });

  it('renders the file the build writes: the complete schema as JSON with a final newline', () => {
    const file = renderJsonSchemaFile();
    expect(file.endsWith('}\n')).toBe(true);
    expect(JSON.parse(file)).toEqual(toJsonSchema());
  });
});

/*
 * Random near-valid values: whenever zod accepts, the JSON Schema accepts; whenever they disagree,
 * zod's only complaints are rules listed as outside the JSON Schema.
 */
describe('JSON Schema and zod agree on generated values', () => {
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const time = fc.constantFrom(
    '00:00',
    '08:00',
    '12:00',
    '16:30',
    '23:59',
    '24:00',
    '8:00',
    '25:00',
  );
  const interval = fc.record({ start: time, end: time }, { requiredKeys: ['start', 'end'] });
  const intervals = fc.array(interval, { maxLength: 3 });
  const zone = fc.constantFrom('Europe/Prague', 'UTC', 'Mars/Olympus', 'Europe Prague', '');
  const number = fc.constantFrom(
    '+420800123456',
    '+420222333444',
    '+1202555',
    '0800123456',
    '+0123',
  );

  const arbitraries: Partial<Record<SettingKey, fc.Arbitrary<unknown>>> = {
    'general.waitingClientPreview': fc.record(
      {
        enabled: fc.boolean(),
        fields: fc.array(fc.constantFrom(...PREVIEW_FIELDS, 'ip'), { maxLength: 6 }),
      },
      { requiredKeys: [] },
    ),
    'general.operatorsMayBan': fc.record(
      {
        enabled: fc.boolean(),
        offeredDurations: fc.array(fc.constantFrom(...BAN_DURATIONS, '2h'), { maxLength: 6 }),
      },
      { requiredKeys: [] },
    ),
    'general.autoAnonymization': fc.oneof(
      fc.record({ enabled: fc.constantFrom(false, true, 'yes') }, { requiredKeys: [] }),
      fc.record({
        enabled: fc.constant(true),
        olderThanDays: fc.oneof(fc.integer({ min: -1, max: 4000 }), fc.constant(2.5)),
        channels: maybe(fc.array(fc.constantFrom(...SESSION_CHANNELS, 'email'), { maxLength: 4 })),
        packageIds: maybe(fc.array(fc.constantFrom('1', '2', ' 3', ''), { maxLength: 3 })),
        exemptTags: maybe(fc.array(fc.constantFrom('hold', 'VIP', 'x '), { maxLength: 3 })),
        window: fc.record({ start: time, end: time }),
        timeZone: zone,
      }),
    ),
    'phone.callerIdSelection': fc.record(
      {
        enabled: fc.boolean(),
        allowedNumbers: fc.array(number, { maxLength: 3 }),
        defaultNumber: fc.oneof(number, fc.constant(null)),
      },
      { requiredKeys: [] },
    ),
    'chat.transcriptReplyTo': fc.record(
      {
        mode: fc.constantFrom('operator', 'company', 'customer'),
        companyAddress: fc.constantFrom(
          'podpora@example.cz',
          'a.b@firma.com',
          'podpora',
          '@x.cz',
          '',
        ),
      },
      { requiredKeys: [] },
    ),
    'chat.offlineCallback': fc.oneof(
      fc.constant({ enabled: false }),
      fc.record({
        enabled: fc.constant(true),
        timeZone: zone,
        weeklyHours: fc.record({
          mon: intervals,
          tue: intervals,
          wed: fc.constant([]),
          thu: fc.constant([]),
          fri: fc.constant([]),
          sat: fc.constant([]),
          sun: fc.constant([]),
        }),
        exceptions: fc.array(
          fc.record(
            {
              date: fc.constantFrom('2025-12-24', '2025-12-31', '2025-02-30', '24.12.2025'),
              intervals,
              note: fc.constantFrom('Vánoce', '', ' x'),
            },
            { requiredKeys: ['date', 'intervals'] },
          ),
          { maxLength: 3 },
        ),
      }),
    ),
    'chat.callbackNumberBlock': fc.oneof(
      fc.integer({ min: -10, max: 700_000 }),
      fc.double(),
      fc.string(),
    ),
    'chat.clientDisconnectGrace': fc.oneof(fc.integer({ min: -10, max: 4000 }), fc.constant(59.5)),
    'chat.clientFileSending': fc.record(
      {
        enabled: fc.boolean(),
        allowedExtensions: fc.array(
          fc.constantFrom('pdf', 'PDF', '.png', 'p df', '', 'averylongextension'),
          {
            maxLength: 3,
          },
        ),
        maxSizeMb: fc.integer({ min: -1, max: 120 }),
      },
      { requiredKeys: [] },
    ),
    'chat.statusWhenAllAway': fc.constantFrom('busy', 'offline', 'away', 1),
    'email.queueOrder': fc.constantFrom('newest', 'oldest', 'random', null),
  };

  it('has generators for fixtures that pass, to keep them near-valid', () => {
    expect(validate({ 'general.autoAnonymization': anonymizationOn }).ok).toBe(true);
    expect(validate({ 'phone.callerIdSelection': callerIdsOn }).ok).toBe(true);
    expect(validate({ 'chat.offlineCallback': offlineCallbackOn }).ok).toBe(true);
  });

  it.each(Object.entries(arbitraries))('%s', (key, arbitrary) => {
    const outside = RULES_OUTSIDE_JSON_SCHEMA.filter((rule) => rule.setting === key).map(
      (rule) => rule.code,
    );
    fc.assert(
      fc.property(arbitrary, (raw) => {
        const value = asJson(raw);
        const zod = validate({ [key]: value });
        const json = partial({ [key]: value });
        if (zod.ok) expect(json).toBe(true);
        else if (json) for (const error of zod.errors) expect(outside).toContain(error.code);
      }),
      { numRuns: 400 },
    );
  });
});
