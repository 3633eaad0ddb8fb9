/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { AuditList } from '../src/audit/AuditList.js';
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
});
