import { Box, Typography, useTheme } from '@mui/material';
import { useId } from 'react';

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  values: readonly number[];
}

export interface DayChartProps {
  title: string;
  /** One sentence under the title: what is counted and how. */
  description?: string;
  /** Local days (`YYYY-MM-DD`), oldest first; every series has one value per day. */
  days: readonly string[];
  series: readonly ChartSeries[];
  /** Bars side by side per day, or lines (for states such as package statuses). */
  kind: 'bars' | 'lines';
  /** The panel language's formatting locale (`cs-CZ`, `en-GB`). */
  formatLocale: string;
  /** Says what the legend's number is: the sum over the days (bars), or the last day's (lines). */
  totalLabel: string;
  /** The day column's heading in the table for screen readers. */
  dayLabel: string;
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 28, left: 40 };

/** A round upper bound for the value axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= value) ?? 10) * magnitude;
}

const dayOf = (date: string): Date => new Date(`${date}T00:00:00Z`);

/**
 * A small SVG chart of one value per day, drawn here rather than by a chart library: the panel
 * stays lean and loads nothing from elsewhere. Screen readers get the same numbers as a table.
 */
export const DayChart = ({
  title,
  description,
  days,
  series,
  kind,
  formatLocale,
  totalLabel,
  dayLabel,
}: DayChartProps) => {
  const theme = useTheme();
  const id = useId();
  const number = new Intl.NumberFormat(formatLocale);
  const shortDay = new Intl.DateTimeFormat(formatLocale, {
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  });
  const longDay = new Intl.DateTimeFormat(formatLocale, { dateStyle: 'medium', timeZone: 'UTC' });
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const labelEvery = Math.ceil(days.length / 8);
  const axis = theme.palette.text.secondary;

  return (
    <Box component="figure" sx={{ m: 0, position: 'relative' }} aria-labelledby={`${id}-title`}>
      <Typography id={`${id}-title`} variant="subtitle1" component="h2">
        {title}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      )}
      <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, p: 0, my: 1 }}>
        {series.map((s) => (
          <Box
            component="li"
            key={s.key}
            sx={{ display: 'flex', alignItems: 'center', gap: 0.75, listStyle: 'none' }}
          >
            <Box
              aria-hidden
              sx={{ width: 12, height: 12, borderRadius: '2px', bgcolor: s.colour }}
            />
            <Typography variant="body2">
              {s.label}:{' '}
              <strong>
                {number.format(
                  // A state (lines) is read at the end; events (bars) add up.
                  kind === 'lines' ? (s.values.at(-1) ?? 0) : s.values.reduce((a, b) => a + b, 0),
                )}
              </strong>{' '}
              <Box component="span" sx={{ color: 'text.secondary' }}>
                ({totalLabel})
              </Box>
            </Typography>
          </Box>
        ))}
      </Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        data-testid={`chart-${series.map((s) => s.key).join('-')}`}
      >
        {[0, max / 2, max].map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={theme.palette.divider}
            />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill={axis}>
              {number.format(tick)}
            </text>
          </g>
        ))}
        {days.map((day, i) =>
          i % labelEvery === 0 ? (
            <text
              key={day}
              x={PAD.left + slot * (i + 0.5)}
              y={HEIGHT - 8}
              textAnchor="middle"
              fontSize="11"
              fill={axis}
            >
              {shortDay.format(dayOf(day))}
            </text>
          ) : null,
        )}
        {kind === 'bars'
          ? series.map((s, si) => {
              const barWidth = (slot * 0.8) / series.length;
              return s.values.map((value, i) => (
                <rect
                  key={`${s.key}-${days[i]}`}
                  x={PAD.left + slot * i + slot * 0.1 + barWidth * si}
                  y={y(value)}
                  width={Math.max(barWidth - 1, 1)}
                  height={PAD.top + plotHeight - y(value)}
                  fill={s.colour}
                >
                  <title>{`${longDay.format(dayOf(days[i] ?? ''))} · ${s.label}: ${number.format(value)}`}</title>
                </rect>
              ));
            })
          : series.map((s) => (
              <polyline
                key={s.key}
                fill="none"
                stroke={s.colour}
                strokeWidth={2}
                points={s.values
                  .map((value, i) => `${PAD.left + slot * (i + 0.5)},${y(value)}`)
                  .join(' ')}
              />
            ))}
      </svg>
      {/* The chart's numbers for screen readers (and for copying): same data, as a table. */}
      <Box
        component="table"
        sx={{
          // Visually hidden, still read: the usual "sr-only" rules (px, since sx reads 1 as 100%).
          position: 'absolute',
          width: '1px',
          height: '1px',
          p: 0,
          m: '-1px',
          border: 0,
          overflow: 'hidden',
          clip: 'rect(0 0 0 0)',
          whiteSpace: 'nowrap',
        }}
      >
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{dayLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day, i) => (
            <tr key={day}>
              <th scope="row">{longDay.format(dayOf(day))}</th>
              {series.map((s) => (
                <td key={s.key}>{number.format(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
};
