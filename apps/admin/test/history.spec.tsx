/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { Route, Routes } from 'react-router';
import { ImportButton } from '../src/revisions/ExportImportButtons.js';
import { RevisionList } from '../src/revisions/RevisionList.js';
import { RevisionShow } from '../src/revisions/RevisionShow.js';
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const revision3 = {
  id: 3,
  number: 3,
  kind: 'update',
  changes: [
    { scope: 'tenant', key: 'chat.callbackNumberBlock', before: null, after: 3600 },
    {
      scope: 'package',
      packageId: 'web',
      key: 'chat.statusWhenAllAway',
      before: 'busy',
      after: 'offline',
    },
  ],
  actorId: 'u1',
  actorName: 'Ada Admin',
  rolledBackTo: null,
  createdAt: '2026-11-25T10:00:00Z',
};

describe('the history screens', () => {
  it.each([
    ['en', ['No.', 'Kind', 'Who', 'When', 'Changes', 'Rolled back to']],
    ['cs', ['Č.', 'Druh', 'Kdo', 'Kdy', 'Změny', 'Vráceno na']],
  ] as const)('list revisions with a header on every column (%s)', async (locale, headers) => {
    const { fetch } = fakeFetch((request) =>
      new URL(request.url, 'http://x').pathname === '/api/settings/revisions'
        ? { body: [revision3], headers: { 'Content-Range': 'revisions 0-0/1' } }
        : undefined,
    );
    renderWithAdmin(
      <ResourceContextProvider value="revisions">
        <RevisionList />
      </ResourceContextProvider>,
      { fetch, locale },
    );
    const row = await screen.findByRole('row', { name: /Ada Admin/ });
    expect(row.textContent).toContain(locale === 'cs' ? 'Změna' : 'Change');
    const names = screen.getAllByRole('columnheader').map((cell) => cell.textContent?.trim());
    expect(names).toEqual(headers);
  });

  it('show a revision as a readable diff per package and roll back after confirmation', async () => {
    const rollbacks: (string | null)[] = [];
    const { fetch } = fakeFetch(
      on('GET', '/api/settings/revisions/3', { body: revision3 }),
      on('GET', '/api/settings', { body: overviewOf(9) }),
      on('POST', '/api/settings/revisions/3/rollback', (request) => {
        rollbacks.push(request.headers.get('If-Match'));
        return { body: overviewOf(10) };
      }),
    );
    renderWithAdmin(
      <Routes>
        <Route
          path="/revisions/:id/show"
          element={
            <ResourceContextProvider value="revisions">
              <RevisionShow />
            </ResourceContextProvider>
          }
        />
        <Route path="/revisions" element={<p>revision list</p>} />
      </Routes>,
      { fetch, initialEntry: '/revisions/3/show' },
    );
    await screen.findByRole('heading', { name: 'Revision 3' });
    const tenant = screen.getByRole('table', { name: 'Revision 3: Tenant settings' });
    const blockRow = within(tenant).getByRole('row', { name: /Same-number blocking period/ });
    expect(blockRow.textContent).toContain('Not set (inherited)');
    expect(blockRow.textContent).toContain('1 hour');
    const pkg = screen.getByRole('table', { name: 'Revision 3: Package web' });
    expect(
      within(pkg).getByRole('row', { name: /Package status when all are Away/ }).textContent,
    ).toMatch(/Busy.*Offline/);

    fireEvent.click(screen.getByRole('button', { name: 'Roll back to this revision' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Roll back to revision 3?')).toBeTruthy();
    expect(rollbacks).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: /Confirm/ }));
    await waitFor(() => expect(rollbacks).toEqual(['"9"']));
    expect(await screen.findByText('revision list')).toBeTruthy();
  });

  it('import a file: dry-run diff first, then apply with If-Match', async () => {
    const posts: { dryRun: boolean; ifMatch: string | null; body: unknown }[] = [];
    const document = {
      format: 'switchboard.settings',
      formatVersion: 1,
      settings: { tenant: { 'email.queueOrder': 'oldest' }, packages: {} },
    };
    const { fetch } = fakeFetch(on('GET', '/api/settings', { body: overviewOf(4) }), (request) => {
      const url = new URL(request.url, 'http://x');
      if (request.method !== 'POST' || url.pathname !== '/api/settings/import') return undefined;
      const dryRun = url.searchParams.get('dryRun') === 'true';
      posts.push({ dryRun, ifMatch: request.headers.get('If-Match'), body: request.body });
      return dryRun
        ? {
            body: {
              valid: true,
              errors: [],
              changes: [
                { scope: 'tenant', key: 'email.queueOrder', before: null, after: 'oldest' },
              ],
            },
          }
        : { body: overviewOf(5) };
    });
    renderWithAdmin(<ImportButton />, { fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import settings' });
    const file = new File([JSON.stringify(document)], 'export.json', { type: 'application/json' });
    fireEvent.change(within(dialog).getByLabelText('Choose file'), { target: { files: [file] } });
    expect(await within(dialog).findByText('One setting would change')).toBeTruthy();
    expect(
      within(dialog).getByRole('row', { name: /E-mail ordering and assignment/ }).textContent,
    ).toContain('Oldest first');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts).toEqual([
      { dryRun: true, ifMatch: null, body: document },
      { dryRun: false, ifMatch: '"4"', body: document },
    ]);
  });

  it('show why a file cannot be imported and offer nothing to apply', async () => {
    const { fetch } = fakeFetch(
      on('POST', '/api/settings/import', {
        body: {
          valid: false,
          errors: [
            {
              path: 'settings.tenant.email.queueOrder',
              code: 'invalid_enum',
              message: 'Choose one of: newest, oldest.',
            },
          ],
          changes: [],
        },
      }),
    );
    renderWithAdmin(<ImportButton />, { fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import settings' });
    const file = new File(['{"format":"switchboard.settings"}'], 'bad.json');
    fireEvent.change(within(dialog).getByLabelText('Choose file'), { target: { files: [file] } });
    expect(await within(dialog).findByText('Choose one of: newest, oldest.')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(
      true,
    );
  });
});
