/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultBrand, examplePartnerBrands } from '../src/root/brand.js';
import { Switchboard } from '../src/root/Switchboard.js';

const northwind = examplePartnerBrands.northwind?.colors;
const examplePartnerColours = [northwind?.primary, northwind?.secondary];
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';
import './support/testingLibrary.js';

const principal = {
  tenantId: 't1',
  userId: 'u1',
  userName: 'Ada Admin',
  roles: ['admin'],
  locale: 'en',
};

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
});

function serve() {
  const fake = fakeFetch(
    on('GET', '/api/settings', { body: overviewOf(2) }),
    (request) =>
      new URL(request.url, 'http://x').pathname === '/api/settings/revisions'
        ? { body: [], headers: { 'Content-Range': 'revisions */0' } }
        : undefined,
    on('POST', '/api/auth/session', {
      status: 201,
      body: { sessionToken: 'panel-1', expiresAt: '2999-01-01T00:00:00Z', principal },
    }),
    on('GET', '/api/auth/me', { body: { principal, tenant: { id: 't1', name: 'Acme' } } }),
  );
  globalThis.fetch = fake.fetch;
  return fake;
}

describe('the white-label shell', () => {
  it('opens with the host token, drops it from the address, and shows the partner brand', async () => {
    const { requests } = serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=en&brand=northwind#/');
    render(<Switchboard />);
    expect(await screen.findByTestId('product-name')).toHaveProperty(
      'textContent',
      'Northwind Desk',
    );
    expect(screen.getByRole('img', { name: 'Northwind Desk' })).toBeTruthy();
    expect(window.location.search).toBe('?lang=en&brand=northwind');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ token: 'host.jwt' });
    expect(await screen.findByText('Welcome to Northwind Desk')).toBeTruthy();
    expect(document.title).toBe('Northwind Desk');
  });

  it('switches the partner theme at run time: logo, colours and product name', async () => {
    serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=en&brand=northwind#/');
    render(<Switchboard />);
    const bar = await screen.findByRole('banner');
    await within(bar).findByText('Northwind Desk');
    const appBarColour = () =>
      getComputedStyle(screen.getByRole('banner')).getPropertyValue('--AppBar-background');
    const northwindColour = appBarColour();
    expect(examplePartnerColours).toContain(northwindColour);
    fireEvent.mouseDown(within(bar).getByRole('combobox', { name: 'Theme' }));
    await act(async () => {
      fireEvent.click(await screen.findByRole('option', { name: 'Default' }));
    });
    await waitFor(() => expect(screen.getByTestId('product-name').textContent).toBe('Switchboard'));
    expect(screen.getByRole('img', { name: 'Switchboard' })).toBeTruthy();
    expect([defaultBrand.colors.primary, defaultBrand.colors.secondary]).toContain(appBarColour());
    expect(window.location.search).toBe('?lang=en');
  });

  it('shows "session ended" instead of a login form when there is no session', async () => {
    serve();
    window.history.replaceState(null, '', '/admin/?lang=en#/');
    render(<Switchboard />);
    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    expect(screen.queryByLabelText(/password/i)).toBeNull();
  });

  it('reaches every screen from the menu, in the host-given language', async () => {
    const { requests } = serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=cs#/');
    render(<Switchboard />);
    const menu = await screen.findByRole('menu');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Chat' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Chat' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Offline CallBack' })).toBeTruthy();
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Balíčky' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Balíčky' })).toBeTruthy();
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Historie' }));
    await waitFor(() =>
      expect(requests.some((r) => r.url.includes('/api/settings/revisions'))).toBe(true),
    );
    const settingsCall = requests.find((r) => r.url.endsWith('/api/settings'));
    expect(settingsCall?.headers.get('Accept-Language')).toBe('cs');
    expect(settingsCall?.headers.get('Authorization')).toBe('Bearer panel-1');
  });
});
