/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Notification } from 'react-admin';
import { JobsPage } from '../src/jobs/JobsPage.js';
import { type FakeReply, fakeFetch, on } from './support/fakeFetch.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const deadJob = {
  id: 17,
  kind: 'files.delete',
  key: 'session:991',
  state: 'dead',
  dueAt: '2026-11-25T08:00:00Z',
  attempts: 8,
  maxAttempts: 8,
  lastError: 'host answered 503',
  payload: { sessionId: 991 },
  createdAt: '2026-11-25T07:00:00Z',
  startedAt: '2026-11-25T08:00:00Z',
  finishedAt: '2026-11-25T08:30:00Z',
};
const deadDelivery = {
  id: 5,
  eventType: 'SessionEnded',
  dedupeKey: 'wh:msg_5',
  receivedAt: '2026-11-25T09:00:00Z',
  state: 'dead',
  attempts: 8,
  lastError: 'invalid_payload: data.id',
  payload: { eventType: 'SessionEnded', data: {} },
};

function serveJobs() {
  return fakeFetch(
    on('GET', '/api/jobs/stats', {
      body: {
        counts: [
          { kind: 'files.delete', state: 'dead', count: 1 },
          { kind: 'files.delete', state: 'done', count: 1234 },
          { kind: 'transcripts.send', state: 'scheduled', count: 3 },
        ],
        oldestDueLagMs: 4200,
      },
    }),
    on('POST', '/api/jobs/dead-letters/17/retry', { body: { ...deadJob, state: 'scheduled' } }),
    on('POST', '/api/inbox/dead-letters/5/retry', {
      status: 404,
      body: { code: 'dead_letter_not_found', message: 'There is no dead letter 5.' },
    }),
    (request): FakeReply | undefined => {
      const { pathname } = new URL(request.url, 'http://x');
      if (request.method !== 'GET') return undefined;
      if (pathname === '/api/jobs/dead-letters') {
        return { body: [deadJob], headers: { 'Content-Range': 'dead-letters 0-0/1' } };
      }
      if (pathname === '/api/inbox/dead-letters') {
        return { body: [deadDelivery], headers: { 'Content-Range': 'dead-letters 0-0/1' } };
      }
      return undefined;
    },
  );
}

describe('the jobs screen', () => {
  it('shows jobs by kind and state, the dead ones with why, and retries one for an admin', async () => {
    const { fetch, requests } = serveJobs();
    renderWithAdmin(
      <>
        <JobsPage />
        <Notification />
      </>,
      { locale: 'en', fetch },
    );
    const stats = await screen.findByRole('table', { name: 'Jobs by kind and state' });
    const row = within(stats).getByRole('row', { name: /files\.delete/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0', '0', '1,234', '0', '1']);
    expect(screen.getByText('The oldest waiting job is 4 s past its due time.')).toBeTruthy();

    const jobs = screen.getByRole('heading', { name: 'Dead jobs' }).closest('.MuiCard-root');
    const jobRow = await within(jobs as HTMLElement).findByText('session:991');
    fireEvent.click(jobRow);
    expect(await screen.findByText('host answered 503')).toBeTruthy();
    fireEvent.click(within(jobs as HTMLElement).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(
        requests.some((r) => r.method === 'POST' && r.url.endsWith('/jobs/dead-letters/17/retry')),
      ).toBe(true),
    );
    expect(await screen.findByText('Queued again')).toBeTruthy();

    // A refused retry says why.
    const webhooks = screen
      .getByRole('heading', { name: 'Dead webhook deliveries' })
      .closest('.MuiCard-root');
    await within(webhooks as HTMLElement).findByText('SessionEnded');
    fireEvent.click(within(webhooks as HTMLElement).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('There is no dead letter 5.')).toBeTruthy();
  });

  it('lets a supervisor look but not retry, and keeps webhook deliveries to admins', async () => {
    const { fetch, requests } = serveJobs();
    renderWithAdmin(<JobsPage />, { locale: 'en', roles: ['supervisor'], fetch });
    expect(await screen.findByText('session:991')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Dead webhook deliveries' })).toBeNull();
    expect(requests.some((r) => r.url.includes('/api/inbox/dead-letters'))).toBe(false);
  });
});
