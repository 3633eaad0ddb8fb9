/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { AuditList, changeSummary } from '../src/audit/AuditList.js';
import { type FakeReply, fakeFetch } from './support/fakeFetch.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const entry = {
  id: 41,
  occurredAt: '2026-11-25T09:30:00Z',
  actorType: 'user',
  actorId: 'u9',
  actorName: 'Viktor Viewer',
  action: 'settings.update',
  targetType: 'settings',
  targetId: 't1',
  before: null,
  after: null,
  outcome: 'denied',
  details: null,
};

describe('the audit log', () => {
  it('lists entries with who, what and the outcome, and exports the filtered CSV with the session', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:audit';
    };
    URL.revokeObjectURL = () => undefined;
    const { fetch, requests } = fakeFetch((request): FakeReply | undefined => {
      const url = new URL(request.url, 'http://x');
      if (url.pathname === '/api/audit')
        return { body: [entry], headers: { 'Content-Range': 'audit 0-0/1' } };
      if (url.pathname === '/api/audit/export.csv') {
        return { text: 'id,action\n41,settings.update\n', headers: { 'Content-Type': 'text/csv' } };
      }
      return undefined;
    });
    renderWithAdmin(
      <ResourceContextProvider value="audit">
        <AuditList />
      </ResourceContextProvider>,
      { fetch },
    );
    const row = await screen.findByRole('row', { name: /settings\.update/ });
    expect(row.textContent).toContain('Viktor Viewer (user)');
    expect(row.textContent).toContain('Denied');
    const list = new URL(requests[0]?.url ?? '', 'http://x');
    expect(list.searchParams.get('sort')).toBe('["occurredAt","DESC"]');

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const csv = requests.find((r) => r.url.includes('export.csv'));
    expect(csv?.headers.get('Authorization')).toBe('Bearer test-session');
    expect(within(document.body).queryByText('ra.notification.http_error')).toBeNull();
  });

  it('keeps long changes inside the table: clamped and wrapped, in full on hover and on demand', async () => {
    const longText = 'Dobrý den, '.repeat(40).trim();
    const long = {
      ...entry,
      id: 42,
      action: 'settings.updated',
      outcome: 'success',
      before: { 'chat.offlineMessage': null },
      after: { 'chat.offlineMessage': longText, 'chat.transcriptReplyTo': { mode: 'agent' } },
    };
    const { fetch } = fakeFetch((request): FakeReply | undefined =>
      new URL(request.url, 'http://x').pathname === '/api/audit'
        ? { body: [long, entry], headers: { 'Content-Range': 'audit 0-1/2' } }
        : undefined,
    );
    renderWithAdmin(
      <ResourceContextProvider value="audit">
        <AuditList />
      </ResourceContextProvider>,
      { fetch },
    );
    const row = await screen.findByRole('row', { name: /settings\.updated/ });
    const cell = within(row).getByTestId('audit-change');
    const full = changeSummary(long as Parameters<typeof changeSummary>[0]);
    // Nothing is cut from the text: the cell clamps it visually and shows it all on hover.
    expect(full).toContain(longText);
    expect(cell.textContent).toBe(full);
    expect(cell.getAttribute('title')).toBe(full);
    const style = getComputedStyle(cell);
    expect(style.overflow).toBe('hidden');
    expect(getComputedStyle(cell.parentElement as Element).maxWidth).toBe('360px');
    // JSON has no spaces: without wrapping anywhere, one value widened the page past the viewport.
    expect(style.getPropertyValue('overflow-wrap')).toBe('anywhere');
    expect(style.getPropertyValue('-webkit-line-clamp')).toBe('3');

    // A short change needs no "Show all".
    const denied = screen.getByRole('row', { name: /settings\.update\b(?!d)/ });
    expect(within(denied).queryByRole('button', { name: 'Show all' })).toBeNull();

    const showAll = within(row).getByRole('button', { name: 'Show all' });
    expect(showAll.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(showAll);
    expect(await within(row).findByRole('heading', { name: 'Before' })).toBeTruthy();
    expect(within(row).getByRole('heading', { name: 'After' })).toBeTruthy();
    const blocks = Array.from(row.querySelectorAll('pre')).map((pre) => pre.textContent);
    expect(blocks).toEqual([
      JSON.stringify(long.before, null, 2),
      JSON.stringify(long.after, null, 2),
    ]);
    const showLess = within(row).getByRole('button', { name: 'Show less' });
    expect(showLess.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(showLess);
    expect(await within(row).findByTestId('audit-change')).toBeTruthy();
    expect(row.querySelectorAll('pre')).toHaveLength(0);
  });
});
