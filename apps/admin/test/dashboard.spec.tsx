/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Dashboard } from '../src/dashboard/Dashboard.js';
import { niceMax } from '../src/dashboard/DayChart.js';
import { fakeFetch } from './support/fakeFetch.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
const stats = (length = 3) => ({
  timeZone: 'Europe/Prague',
  days: days.slice(-length),
  series: {
    sessionsAdmitted: [1200, 950, 1310].slice(-length),
    sessionsRefused: [3, 0, 2].slice(-length),
    bansCreated: [1, 0, 2].slice(-length),
    bansRevoked: [0, 1, 0].slice(-length),
    filesDeleted: [40, 12, 7].slice(-length),
    sessionsAnonymized: [0, 0, 880].slice(-length),
    anonymizationFailed: [0, 0, 1].slice(-length),
    packagesBusy: [2, 1, 0].slice(-length),
    packagesOffline: [0, 1, 1].slice(-length),
    webhooksReceived: [5000, 4100, 5230].slice(-length),
    webhooksRetried: [4, 0, 1].slice(-length),
    webhooksFailed: [1, 0, 0].slice(-length),
  },
  generatedAt: '2026-11-25T10:00:00Z',
});

function serveStats() {
  return fakeFetch((request) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname !== '/api/dashboard/stats') return undefined;
    return { body: stats(url.searchParams.get('days') === '7' ? 2 : 3) };
  });
}

describe('the dashboard', () => {
  it('charts each series from the stats endpoint, with totals in the panel language', async () => {
    const { fetch, requests } = serveStats();
    renderWithAdmin(<Dashboard />, { locale: 'cs', fetch });
    const sessions = await screen.findByRole('figure', { name: 'Přijatá a odmítnutá sezení' });
    // Czech groups thousands with a non-breaking space.
    const totals = [...sessions.querySelectorAll('li strong')].map((node) => node.textContent);
    expect(totals).toEqual(['3\u00a0460', '5']);
    expect(within(sessions).getByRole('img', { name: 'Přijatá a odmítnutá sezení' })).toBeTruthy();
    // Screen readers get the numbers as a table, one row per day, dates in Czech.
    const table = within(sessions).getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByRole('rowheader', { name: '25. 11. 2026' })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['1\u00a0200', '3', '950', '0', '1\u00a0310', '2']);
    // A state is read at the end of the last day, not added up.
    const packages = screen.getByRole('figure', { name: 'Stav balíčků' });
    expect(
      [...packages.querySelectorAll('li')].map((item) => item.textContent?.replace(/\s+/g, ' ')),
    ).toEqual(['Obsazeno: 0 (na konci posledního dne)', 'Offline: 1 (na konci posledního dne)']);
    expect(screen.getByTestId('dashboard-time-zone').textContent).toBe(
      'Dny v časovém pásmu Europe/Prague',
    );
    expect(screen.getAllByRole('figure')).toHaveLength(6);
    const call = requests.find((r) => r.url.includes('/api/dashboard/stats'));
    expect(new URL(call?.url ?? '', 'http://x').searchParams.get('days')).toBe('30');
    expect(call?.headers.get('Authorization')).toBe('Bearer test-session');
  });

  it('asks for another period from the range switch', async () => {
    const { fetch, requests } = serveStats();
    renderWithAdmin(<Dashboard />, { locale: 'en', fetch });
    await screen.findByRole('figure', { name: 'Bans' });
    const range = screen.getByRole('group', { name: 'Period' });
    fireEvent.click(within(range).getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() =>
      expect(
        requests.some((r) => new URL(r.url, 'http://x').searchParams.get('days') === '7'),
      ).toBe(true),
    );
    const bans = await screen.findByRole('figure', { name: 'Bans' });
    await waitFor(() =>
      expect(within(within(bans).getByRole('table')).getAllByRole('row')).toHaveLength(3),
    );
    expect(
      within(range).getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('says so when the statistics cannot be loaded', async () => {
    const { fetch } = fakeFetch();
    renderWithAdmin(<Dashboard />, { locale: 'en', fetch });
    expect(await screen.findByText('The statistics could not be loaded.')).toBeTruthy();
  });

  it('scales the value axis to a round maximum', () => {
    expect([0, 1, 3, 7, 12, 480, 1310].map(niceMax)).toEqual([1, 1, 5, 10, 20, 500, 2000]);
  });
});
