/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { Route, Routes } from 'react-router';
import { AnonymizationDryRun, DRY_RUN_DELAY_MS } from '../src/anonymization/AnonymizationDryRun.js';
import { AnonymizationPage } from '../src/anonymization/AnonymizationPage.js';
import { LedgerPage } from '../src/anonymization/LedgerPage.js';
import { type FakeReply, type RecordedRequest, fakeFetch, on } from './support/fakeFetch.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

const rule = {
  enabled: true,
  olderThanDays: 30,
  window: { start: '22:00', end: '04:00' },
  timeZone: 'Europe/Prague',
};

const run = (overrides: Record<string, unknown> = {}) => ({
  id: '0b7e7a43-6e83-4a0a-9f3e-8d6c1f3f0a11',
  trigger: 'manual',
  status: 'running',
  mode: 'categories',
  rule,
  cutoff: '2026-10-26T00:00:00Z',
  deadline: null,
  requestedBy: 'u1',
  createdAt: '2026-11-25T09:00:00Z',
  finishedAt: null,
  lastProgressAt: null,
  error: null,
  total: 1200,
  counts: { pending: 900, done: 280, failed: 5, skipped: 15, deferred: 0 },
  processed: 300,
  progress: 0.25,
  durationMs: 1000,
  hostMs: 500,
  switchboardMs: 100,
  sessionsPerSecond: 300,
  ...overrides,
});

const status = (activeRun: unknown, lastRun: unknown = null) => ({
  rule,
  activeRun,
  lastRun,
  index: { indexed: 5000, anonymized: 3000, detailsUnknown: 0, missing: 0, oldestEndedAt: null },
  backfills: [],
});

type Edited = { rule: unknown; invalid: boolean };
/** Changes the rule as the settings form would, once the harness below has mounted. */
let edit: (next: Edited) => void = () => undefined;
const editWith = (setter: (next: Edited) => void) => {
  edit = setter;
};
const EditedRule = ({ initial }: { initial: Edited }) => {
  const [current, setCurrent] = useState(initial);
  useEffect(() => editWith(setCurrent), []);
  return <AnonymizationDryRun rule={current.rule} invalid={current.invalid} />;
};

describe('the live dry run beside the anonymization rule', () => {
  const dryRun = (request: RecordedRequest): FakeReply => {
    const body = request.body as { rule: { enabled: boolean; olderThanDays?: number } };
    if (!body.rule.enabled) return { body: { enabled: false, cutoff: null, count: 0 } };
    return {
      body: {
        enabled: true,
        cutoff: '2026-10-26T00:00:00Z',
        count: body.rule.olderThanDays === 30 ? 1234 : 1,
        byChannel: { chat: 1200, phone: 34 },
        exempted: 2,
        unresolved: 0,
        sample: [],
      },
    };
  };

  it('counts what the edited rule would anonymize, once the admin stops typing', async () => {
    const { fetch, requests } = fakeFetch(on('POST', '/api/anonymization/dry-run', dryRun));
    renderWithAdmin(<EditedRule initial={{ rule, invalid: false }} />, { locale: 'en', fetch });
    const status = await screen.findByTestId('anonymization-dry-run');
    await waitFor(() => expect(status.textContent).toContain('would anonymize 1,234 sessions'));
    expect(status.textContent).toContain('Chat: 1,200');
    expect(status.textContent).toContain('Phone: 34');
    expect(status.textContent).toContain('2 more are kept: a legal hold on the host.');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(requests.at(-1)?.body).toEqual({ rule });

    // Quick edits: only the last one is sent.
    jest.useFakeTimers();
    const before = requests.length;
    for (const days of [3, 31, 1]) {
      act(() => edit({ rule: { ...rule, olderThanDays: days }, invalid: false }));
      act(() => jest.advanceTimersByTime(DRY_RUN_DELAY_MS / 4));
    }
    await act(async () => {
      jest.advanceTimersByTime(DRY_RUN_DELAY_MS);
      await Promise.resolve();
    });
    jest.useRealTimers();
    await waitFor(() => expect(status.textContent).toContain('would anonymize 1 session '));
    expect(
      requests.slice(before).map((r) => (r.body as { rule: typeof rule }).rule.olderThanDays),
    ).toEqual([1]);
  });

  it('asks nothing for an invalid or a switched-off rule (that one is "off"), and shows nothing to viewers', async () => {
    const { fetch, requests } = fakeFetch(on('POST', '/api/anonymization/dry-run', dryRun));
    const view = renderWithAdmin(<EditedRule initial={{ rule, invalid: true }} />, {
      locale: 'cs',
      fetch,
    });
    await new Promise((resolve) => setTimeout(resolve, DRY_RUN_DELAY_MS * 2));
    expect(requests).toHaveLength(0);
    expect(screen.queryByTestId('anonymization-dry-run')).toBeNull();
    act(() => edit({ rule: { enabled: false }, invalid: false }));
    expect(await screen.findByText('Vypnuto: žádné sezení by se neanonymizovalo.')).toBeTruthy();
    view.unmount();

    renderWithAdmin(<AnonymizationDryRun rule={rule} invalid={false} />, {
      locale: 'en',
      roles: ['viewer'],
      fetch,
    });
    await new Promise((resolve) => setTimeout(resolve, DRY_RUN_DELAY_MS * 2));
    expect(screen.queryByTestId('anonymization-dry-run')).toBeNull();
    // Nothing asked: not for the invalid rule, nor the switched-off one, nor for a viewer.
    expect(requests).toHaveLength(0);
  });
});

describe('the anonymization screen', () => {
  it('moves the progress bar while a run goes, then shows how it ended', async () => {
    let polls = 0;
    const { fetch } = fakeFetch(
      on('GET', '/api/anonymization/status', () => {
        polls += 1;
        return polls < 2
          ? { body: status(run()) }
          : {
              body: status(
                null,
                run({
                  status: 'completed',
                  progress: 1,
                  processed: 1200,
                  counts: { pending: 0, done: 1180, failed: 5, skipped: 15, deferred: 0 },
                }),
              ),
            };
      }),
      (request) =>
        new URL(request.url, 'http://x').pathname === '/api/anonymization/runs'
          ? { body: [], headers: { 'Content-Range': 'anonymization-runs */0' } }
          : undefined,
    );
    renderWithAdmin(<AnonymizationPage />, { locale: 'en', fetch });
    const bar = await screen.findByRole('progressbar', { name: '300 of 1,200 sessions processed' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('run-count-done').textContent).toBe('Anonymized: 280');
    expect(screen.getByRole('button', { name: 'Cancel the run' })).toBeTruthy();
    expect(await screen.findByText('Last run: Completed', {}, { timeout: 6000 })).toBeTruthy();
    expect(
      screen
        .getByRole('progressbar', { name: '1,200 of 1,200 sessions processed' })
        .getAttribute('aria-valuenow'),
    ).toBe('100');
    expect(screen.getByRole('button', { name: 'Run now' })).toBeTruthy();
  });

  it('starts a run for an admin; a viewer sees the run but cannot start or cancel it', async () => {
    const { fetch, requests } = fakeFetch(
      on('GET', '/api/anonymization/status', { body: status(null) }),
      on('POST', '/api/anonymization/runs', { status: 202, body: run() }),
      (request) =>
        new URL(request.url, 'http://x').pathname === '/api/anonymization/runs'
          ? {
              body: [run({ status: 'completed', progress: 1 })],
              headers: { 'Content-Range': 'anonymization-runs 0-0/1' },
            }
          : undefined,
    );
    const view = renderWithAdmin(<AnonymizationPage />, { locale: 'en', fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    await waitFor(() =>
      expect(
        requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/anonymization/runs')),
      ).toBe(true),
    );
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Completed')).toBeTruthy();
    expect(within(table).getByText('100%')).toBeTruthy();
    view.unmount();

    renderWithAdmin(<AnonymizationPage />, { locale: 'en', roles: ['viewer'], fetch });
    await screen.findByText('Anonymization rule', { exact: false });
    expect(screen.queryByRole('button', { name: 'Run now' })).toBeNull();
  });
});

describe('the anonymization ledger', () => {
  it('lists per session and category, and exports the filtered CSV with the session', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:ledger';
    };
    URL.revokeObjectURL = () => undefined;
    const { fetch, requests } = fakeFetch((request): FakeReply | undefined => {
      const url = new URL(request.url, 'http://x');
      if (url.pathname === '/api/anonymization/ledger') {
        return {
          body: [
            {
              id: 7,
              sessionId: 's-42',
              category: 'recordings',
              status: 'done',
              method: 'extension',
              outcome: 'ANONYMIZED',
              itemCount: 3,
              details: null,
              error: null,
              runId: 'r1',
              updatedAt: '2026-11-25T09:30:00Z',
              doneAt: '2026-11-25T09:30:00Z',
            },
          ],
          headers: { 'Content-Range': 'anonymization-ledger 0-0/1' },
        };
      }
      if (url.pathname === '/api/anonymization/ledger.csv') {
        return {
          text: 'sessionId,category\ns-42,recordings\n',
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="anonymization-ledger.csv"',
          },
        };
      }
      return undefined;
    });
    renderWithAdmin(
      <Routes>
        <Route path="*" element={<LedgerPage />} />
      </Routes>,
      { locale: 'en', fetch },
    );
    expect(await screen.findByText('s-42')).toBeTruthy();
    expect(screen.getByText('Recordings')).toBeTruthy();
    expect(screen.getByText('ANONYMIZED · extension')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Session' }), {
      target: { value: 's-42' },
    });
    await waitFor(() =>
      expect(requests.some((r) => decodeURIComponent(r.url).includes('"sessionId":"s-42"'))).toBe(
        true,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const csv = requests.find((r) => r.url.includes('/api/anonymization/ledger.csv'));
    expect(new URL(csv?.url ?? '', 'http://x').searchParams.get('filter')).toBe(
      '{"sessionId":"s-42"}',
    );
    expect(csv?.headers.get('Authorization')).toBe('Bearer test-session');
  });
});
