/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Notification, ResourceContextProvider } from 'react-admin';
import { BansList } from '../src/bans/BansList.js';
import { type FakeReply, type RecordedRequest, fakeFetch, on } from './support/fakeFetch.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const ban = {
  id: 3,
  kind: 'phone',
  value: '+420777123456',
  reason: 'Vulgární zprávy',
  duration: '24h',
  status: 'active',
  expiresAt: '2026-11-26T09:00:00Z',
  sessionId: null,
  createdAt: '2026-11-25T09:00:00Z',
  createdBy: { id: 'u7', name: 'Sára Supervizorová', role: 'supervisor' },
  revokedAt: null,
  revokedBy: null,
  revokeNote: null,
};

function serveBans(
  extra: (request: RecordedRequest) => FakeReply | undefined = () => undefined,
  bans: unknown[] = [ban],
) {
  return fakeFetch(
    extra,
    on('GET', '/api/bans/permissions', {
      body: { mayBan: true, durations: ['1h', '24h', 'permanent'], customExpiry: true },
    }),
    (request) => {
      const url = new URL(request.url, 'http://x');
      if (request.method !== 'GET' || url.pathname !== '/api/bans') return undefined;
      return {
        body: bans,
        headers: { 'Content-Range': `bans 0-${bans.length - 1}/${bans.length}` },
      };
    },
  );
}

const renderBans = (fetch: typeof globalThis.fetch, roles = ['admin']) =>
  renderWithAdmin(
    <ResourceContextProvider value="bans">
      <BansList />
      <Notification />
    </ResourceContextProvider>,
    { locale: 'en', roles, fetch },
  );

describe('the bans screen', () => {
  it('lists who banned what and why, and searches and filters on the server', async () => {
    const { fetch, requests } = serveBans();
    renderBans(fetch);
    const row = (await screen.findByText('+420777123456')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Vulgární zprávy')).toBeTruthy();
    expect(within(row).getByText('Sára Supervizorová (supervisor)')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Search' }), {
      target: { value: '777 123 456' },
    });
    await waitFor(() =>
      expect(requests.some((r) => decodeURIComponent(r.url).includes('"q":"777 123 456"'))).toBe(
        true,
      ),
    );
  });

  it('bans a client with a reason and a duration, showing the field the server refused', async () => {
    let attempts = 0;
    const { fetch, requests } = serveBans((request) => {
      if (request.method !== 'POST' || !request.url.endsWith('/api/bans')) return undefined;
      attempts += 1;
      return attempts === 1
        ? {
            status: 422,
            body: {
              code: 'validation_failed',
              message: 'invalid',
              errors: [{ path: 'value', code: 'invalid_identity', message: 'Not a phone number.' }],
            },
          }
        : { status: 201, body: ban };
    }, []);
    // No ban yet: the list still offers to make the first one.
    renderBans(fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Ban a client' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ban a client' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Device or identity' }), {
      target: { value: '12' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'Vulgární zprávy' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(await within(dialog).findByText('Not a phone number.')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Device or identity' }), {
      target: { value: '777 123 456' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ban' }));
    expect(await screen.findByText('The client is banned')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({
      kind: 'phone',
      value: '777 123 456',
      reason: 'Vulgární zprávy',
      duration: '24h',
    });
  });

  it('revokes an active ban with a note; a viewer can look but not ban or revoke', async () => {
    const { fetch, requests } = serveBans(
      on('POST', '/api/bans/3/revoke', { body: { ...ban, status: 'revoked' } }),
    );
    const view = renderBans(fetch);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke the ban of +420777123456?' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Why (optional)' }), {
      target: { value: 'Omluvil se' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('The ban was revoked')).toBeTruthy();
    expect(requests.find((r) => r.url.endsWith('/api/bans/3/revoke'))?.body).toEqual({
      note: 'Omluvil se',
    });
    view.unmount();

    renderBans(fetch, ['viewer']);
    expect(await screen.findByText('+420777123456')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ban a client' })).toBeNull();
  });
});
