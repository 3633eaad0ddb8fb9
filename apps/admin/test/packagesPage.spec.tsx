/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  SETTING_KEYS,
  type SettingKey,
  defaultValues,
  isPackageScoped,
  translate,
} from '@switchboard/settings-model';
import { Route, Routes } from 'react-router';
import { PACKAGE_SCOPED_KEYS, PackagesPage } from '../src/packages/PackagesPage.js';
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const page = (
  <Routes>
    <Route path="/packages" element={<PackagesPage />} />
    <Route path="/packages/:packageId" element={<PackagesPage />} />
  </Routes>
);

function packageView(version: number, overrides: Partial<Record<SettingKey, unknown>>) {
  const tenant = { 'chat.clientHistory': true };
  const values = { ...defaultValues(), ...tenant, ...overrides } as Record<SettingKey, unknown>;
  const provenance = Object.fromEntries(
    SETTING_KEYS.map((key) => [
      key,
      key in overrides ? 'package' : key in tenant ? 'tenant' : 'default',
    ]),
  );
  return { version, packageId: 'web', values, provenance, overrides };
}

const region = (key: SettingKey) =>
  screen.getByRole('region', { name: translate('en', `settings.${key}.label`) });

describe('the packages screen', () => {
  it('lists only package-scoped settings', () => {
    expect(PACKAGE_SCOPED_KEYS).toEqual(SETTING_KEYS.filter(isPackageScoped));
    expect(PACKAGE_SCOPED_KEYS).toContain('chat.offlineCallback');
    expect(PACKAGE_SCOPED_KEYS).not.toContain('email.queueOrder');
  });

  it('shows each value with where it comes from, overrides one and resets another to inherited', async () => {
    let view = packageView(6, { 'chat.statusWhenAllAway': 'offline' });
    const writes: { method: string; url: string; ifMatch: string | null; body: unknown }[] = [];
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', {
        body: { ...overviewOf(6, { 'chat.clientHistory': true }), packages: { web: {} } },
      }),
      on('GET', '/api/settings/packages/web', () => ({ body: view })),
      (request) => {
        if (request.method !== 'PUT' && request.method !== 'DELETE') return undefined;
        writes.push({
          method: request.method,
          url: request.url,
          ifMatch: request.headers.get('If-Match'),
          body: request.body,
        });
        view =
          request.method === 'PUT'
            ? packageView(7, { 'chat.statusWhenAllAway': 'offline', 'chat.clientHistory': false })
            : packageView(8, { 'chat.clientHistory': false });
        return { body: overviewOf(view.version) };
      },
    );
    renderWithAdmin(page, { fetch, initialEntry: '/packages/web' });
    await screen.findByRole('heading', { name: 'Package web' });
    expect(within(region('chat.statusWhenAllAway')).getByText('Package override')).toBeTruthy();
    expect(within(region('chat.clientHistory')).getByText('Tenant setting')).toBeTruthy();
    expect(within(region('chat.avRecording')).getByText('Default value')).toBeTruthy();
    const known = screen.getByRole('list', { name: 'Packages with overrides' });
    expect(
      within(known)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['web']);

    const history = region('chat.clientHistory');
    fireEvent.click(within(history).getByRole('button', { name: 'Override for this package' }));
    fireEvent.click(
      within(history).getByRole('switch', {
        name: translate('en', 'settings.chat.clientHistory.label'),
      }),
    );
    fireEvent.click(within(history).getByRole('button', { name: 'Save override' }));
    await waitFor(() =>
      expect(within(region('chat.clientHistory')).getByText('Package override')).toBeTruthy(),
    );

    fireEvent.click(
      within(region('chat.statusWhenAllAway')).getByRole('button', { name: /Reset to inherited/ }),
    );
    await waitFor(() =>
      expect(within(region('chat.statusWhenAllAway')).getByText('Default value')).toBeTruthy(),
    );

    expect(
      writes.map((w) => [w.method, new URL(w.url, 'http://x').pathname, w.ifMatch, w.body]),
    ).toEqual([
      ['PUT', '/api/settings/packages/web/chat.clientHistory', '"6"', { value: false }],
      ['DELETE', '/api/settings/packages/web/chat.statusWhenAllAway', '"7"', null],
    ]);
  });

  it('validates an override with the package scope before sending it', async () => {
    const { fetch, requests } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(2) }),
      on('GET', '/api/settings/packages/web', { body: packageView(2, {}) }),
    );
    renderWithAdmin(page, { fetch, initialEntry: '/packages/web' });
    await screen.findByRole('heading', { name: 'Package web' });
    const grace = region('chat.clientDisconnectGrace');
    fireEvent.click(within(grace).getByRole('button', { name: 'Override for this package' }));
    fireEvent.change(within(grace).getByRole('spinbutton'), { target: { value: '7200' } });
    expect(await within(grace).findByText('Must be at most 60 minutes.')).toBeTruthy();
    expect(
      within(grace).getByRole<HTMLButtonElement>('button', { name: 'Save override' }).disabled,
    ).toBe(true);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
