/** The API wants ISO date-times with an offset; the date-time input gives a local date. */
export const toIso = (value: unknown): string | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** A select filter's choices: each value, labelled by the message `<prefix><value>` (prefix ends in a dot). */
export const translatedChoices = (
  translate: (key: string) => string,
  values: readonly string[],
  prefix: string,
): { id: string; name: string }[] =>
  values.map((value) => ({ id: value, name: translate(`${prefix}${value}`) }));
