/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { translate } from '@switchboard/settings-model';
import { defaultBrand, examplePartnerBrands } from '../src/root/brand.js';
import { Switchboard } from '../src/root/Switchboard.js';
import { BRAND_SWITCHER_WIDTH } from '../src/root/SwitchboardAppBar.js';

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

function serve(...extra: Parameters<typeof fakeFetch>) {
  const fake = fakeFetch(
    ...extra,
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
    // The partner is known by its primary colour (react-admin's default bar is the secondary one).
    expect(northwindColour).toBe(northwind?.primary);
    fireEvent.mouseDown(within(bar).getByRole('combobox', { name: 'Theme' }));
    await act(async () => {
      fireEvent.click(await screen.findByRole('option', { name: 'Default' }));
    });
    await waitFor(() => expect(screen.getByTestId('product-name').textContent).toBe('Switchboard'));
    expect(screen.getByRole('img', { name: 'Switchboard' })).toBeTruthy();
    expect(appBarColour()).toBe(defaultBrand.colors.primary);
    expect(window.location.search).toBe('?lang=en');
  });

  it('keeps the theme switcher compact beside the logo, not stretched across the bar', async () => {
    serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=cs#/');
    render(<Switchboard />);
    const bar = await screen.findByRole('banner');
    const select = await within(bar).findByRole('combobox', { name: 'Vzhled' });
    const field = select.closest('.MuiFormControl-root');
    expect(field).not.toBeNull();
    expect(field?.classList.contains('MuiFormControl-fullWidth')).toBe(false);
    expect(getComputedStyle(field as Element).width).toBe(`${BRAND_SWITCHER_WIDTH}px`);
    expect(getComputedStyle(field as Element).flexShrink).toBe('0');
  });

  it('keeps unsaved settings edits when the language is switched in the app bar', async () => {
    const patches: { ifMatch: string | null; body: unknown }[] = [];
    serve(
      on('PATCH', '/api/settings', (request) => {
        patches.push({ ifMatch: request.headers.get('If-Match'), body: request.body });
        return { body: overviewOf(3, request.body as never) };
      }),
    );
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=cs#/settings/chat');
    render(<Switchboard />);
    const replyTo = await screen.findByRole('region', {
      name: translate('cs', 'settings.chat.transcriptReplyTo.label'),
    });
    fireEvent.click(
      within(replyTo).getByRole('radio', {
        name: translate('cs', 'settings.options.replyTo.company'),
      }),
    );
    const away = screen.getByRole('region', {
      name: translate('cs', 'settings.chat.statusWhenAllAway.label'),
    });
    fireEvent.click(
      within(away).getByRole('radio', {
        name: translate('cs', 'settings.options.awayStatus.offline'),
      }),
    );
    expect(
      await within(replyTo).findByText(translate('cs', 'settings.errors.company_address_required')),
    ).toBeTruthy();

    fireEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Čeština' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'English' }));

    // The form is re-mounted in English with both edits still there.
    const replyToEn = await screen.findByRole('region', {
      name: translate('en', 'settings.chat.transcriptReplyTo.label'),
    });
    expect(
      await within(replyToEn).findByText(
        translate('en', 'settings.errors.company_address_required'),
      ),
    ).toBeTruthy();
    expect(
      screen.queryByText(translate('cs', 'settings.errors.company_address_required')),
    ).toBeNull();
    const company = within(replyToEn).getByRole<HTMLInputElement>('radio', {
      name: translate('en', 'settings.options.replyTo.company'),
    });
    expect(company.checked).toBe(true);
    const awayEn = screen.getByRole('region', {
      name: translate('en', 'settings.chat.statusWhenAllAway.label'),
    });
    expect(
      within(awayEn).getByRole<HTMLInputElement>('radio', {
        name: translate('en', 'settings.options.awayStatus.offline'),
      }).checked,
    ).toBe(true);

    fireEvent.change(
      within(replyToEn).getByLabelText(
        translate('en', 'settings.chat.transcriptReplyTo.companyAddress.label'),
      ),
      { target: { value: 'podpora@demo.example' } },
    );
    expect(await screen.findByText('2 unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toEqual({
      ifMatch: '"2"',
      body: {
        values: {
          'chat.transcriptReplyTo': { mode: 'company', companyAddress: 'podpora@demo.example' },
          'chat.statusWhenAllAway': 'offline',
        },
      },
    });
    expect(await screen.findByText('Settings saved')).toBeTruthy();
  });

  it('drops the edits when the admin chooses to leave them, and asks before that', async () => {
    serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=en#/settings/chat');
    render(<Switchboard />);
    const away = await screen.findByRole('region', {
      name: translate('en', 'settings.chat.statusWhenAllAway.label'),
    });
    fireEvent.click(within(away).getByRole('radio', { name: 'Offline' }));
    expect(await screen.findByText('One unsaved change')).toBeTruthy();

    const menu = screen.getByRole('menu');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'General' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Leave without saving' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'General' })).toBeTruthy();

    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Chat' }));
    const awayAgain = await screen.findByRole('region', {
      name: translate('en', 'settings.chat.statusWhenAllAway.label'),
    });
    expect(within(awayAgain).getByRole<HTMLInputElement>('radio', { name: 'Busy' }).checked).toBe(
      true,
    );
    expect(screen.queryByText(/unsaved change/)).toBeNull();
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
