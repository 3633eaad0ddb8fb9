/** WCAG 2 contrast, for keeping partner colours readable wherever the theme uses them as text. */

const channel = (value: number): number => {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (parts: readonly number[]): string =>
  `#${parts.map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`;

export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgb(hex).map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The colour itself when it reads well on the background; otherwise the same hue moved towards
 * black (on a light background) or white (on a dark one), just far enough to reach the contrast.
 */
export function readableOn(
  colour: string,
  background: string,
  minimum = MIN_TEXT_CONTRAST,
): string {
  if (contrastRatio(colour, background) >= minimum) return colour;
  const target = relativeLuminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const from = rgb(colour);
  for (let step = 1; step <= 20; step++) {
    const mix = step / 20;
    const candidate = toHex(from.map((part, i) => part + ((target[i] ?? 0) - part) * mix));
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return toHex(target);
}
