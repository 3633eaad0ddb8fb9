/** Excel reads UTF-8 only with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would evaluate (starting with = + - @, or a tab
 * or carriage return that some strip first) is prefixed with an apostrophe, so an audit entry
 * crafted as `=HYPERLINK(...)` stays text.
 */
export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
