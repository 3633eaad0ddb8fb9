import {
  Alert,
  Box,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useFormatLocale } from '../i18n/useFormatLocale.js';
import { useApi } from '../providers/ApiContext.js';
import { useBrand } from '../root/BrandContext.js';
import { useLogoutOnDenied } from '../settings/useSettingsOverview.js';
import { type ChartSeries, DayChart } from './DayChart.js';

/** What `GET /api/dashboard/stats` answers. */
export interface DashboardStats {
  timeZone: string;
  days: string[];
  series: Record<string, number[]>;
}

export const RANGES = [7, 30, 90] as const;

interface ChartSpec {
  id: string;
  kind: 'bars' | 'lines';
  series: { key: string; colour: 'primary' | 'secondary' | 'error' | 'warning' | 'info' }[];
}

/** The charts, in reading order: what happened to sessions first, the plumbing last. */
export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'sessions',
    kind: 'bars',
    series: [
      { key: 'sessionsAdmitted', colour: 'primary' },
      { key: 'sessionsRefused', colour: 'error' },
    ],
  },
  {
    id: 'bans',
    kind: 'bars',
    series: [
      { key: 'bansCreated', colour: 'warning' },
      { key: 'bansRevoked', colour: 'secondary' },
    ],
  },
  { id: 'files', kind: 'bars', series: [{ key: 'filesDeleted', colour: 'primary' }] },
  {
    id: 'anonymization',
    kind: 'bars',
    series: [
      { key: 'sessionsAnonymized', colour: 'secondary' },
      { key: 'anonymizationFailed', colour: 'error' },
    ],
  },
  {
    id: 'packages',
    kind: 'lines',
    series: [
      { key: 'packagesBusy', colour: 'warning' },
      { key: 'packagesOffline', colour: 'error' },
    ],
  },
  {
    id: 'webhooks',
    kind: 'bars',
    series: [
      { key: 'webhooksReceived', colour: 'primary' },
      { key: 'webhooksRetried', colour: 'warning' },
      { key: 'webhooksFailed', colour: 'error' },
    ],
  },
];

export const Dashboard = () => {
  const translate = useTranslate();
  const theme = useTheme();
  const { productName } = useBrand();
  const { client } = useApi();
  const formatLocale = useFormatLocale();
  const [days, setDays] = useState<number>(30);
  const query = useQuery({
    queryKey: ['switchboard', 'dashboard', days],
    queryFn: async () =>
      (await client.request<DashboardStats>('/dashboard/stats', { query: { days } })).data,
    retry: false,
  });
  useLogoutOnDenied(query.error);
  const stats = query.data;

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('switchboard.dashboard.menu')} />
      <Card sx={{ mb: 2 }}>
        <CardHeader
          title={translate('switchboard.dashboard.title', { productName })}
          slotProps={{ title: { component: 'h1', variant: 'h5' } }}
        />
        <CardContent sx={{ pt: 0 }}>
          <Typography>{translate('switchboard.dashboard.intro')}</Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2, mt: 2 }}>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={days}
              onChange={(_event, value: number | null) => value !== null && setDays(value)}
              aria-label={translate('switchboard.dashboard.range')}
            >
              {RANGES.map((range) => (
                <ToggleButton key={range} value={range}>
                  {translate('switchboard.dashboard.lastDays', { smart_count: range })}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            {stats && (
              <Typography variant="body2" color="text.secondary" data-testid="dashboard-time-zone">
                {translate('switchboard.dashboard.timeZone', { timeZone: stats.timeZone })}
              </Typography>
            )}
          </Box>
        </CardContent>
      </Card>
      {query.isPending && <LinearProgress />}
      {query.isError && (
        <Alert severity="error">{translate('switchboard.dashboard.loadFailed')}</Alert>
      )}
      {stats && (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            // Two columns from a laptop up, one on a tablet in portrait.
            gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
          }}
        >
          {CHARTS.map((chart) => {
            const series: ChartSeries[] = chart.series.map(({ key, colour }) => ({
              key,
              colour: theme.palette[colour].main,
              label: translate(`switchboard.dashboard.series.${key}`),
              values: stats.series[key] ?? stats.days.map(() => 0),
            }));
            return (
              <Card key={chart.id} component="section">
                <CardContent>
                  <DayChart
                    title={translate(`switchboard.dashboard.charts.${chart.id}.title`)}
                    description={translate(`switchboard.dashboard.charts.${chart.id}.help`)}
                    days={stats.days}
                    series={series}
                    kind={chart.kind}
                    formatLocale={formatLocale}
                    totalLabel={translate(
                      chart.kind === 'lines'
                        ? 'switchboard.dashboard.lastDay'
                        : 'switchboard.dashboard.total',
                    )}
                    dayLabel={translate('switchboard.dashboard.day')}
                  />
                </CardContent>
              </Card>
            );
          })}
        </Box>
      )}
    </Box>
  );
};
