import { csvCell, csvRow } from './csv.js';

describe('CSV cells', () => {
  it('leaves plain text alone and renders empty values as empty cells', () => {
    expect(csvRow(['settings.updated', 42, null, undefined, true])).toBe(
      'settings.updated,42,,,true\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each(['=1+1', '+420 123', '-2', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %j so a spreadsheet does not evaluate it',
    (value) => {
      expect(csvCell(value).replace(/^"/, '').startsWith(`'`)).toBe(true);
    },
  );

  it('quotes a prefixed formula that also needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('renders objects as JSON and dates as ISO', () => {
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });
});
