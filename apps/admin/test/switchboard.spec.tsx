/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { translate } from '@switchboard/settings-model';
import { defaultBrand } from '../src/root/brand.js';
import { Switchboard } from '../src/root/Switchboard.js';
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';
import './support/testingLibrary.js';

const northwindLogo =
  'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E';
const northwind = {
  partnerId: 'northwind',
  theme: {
    productName: 'Northwind Desk',
    logo: northwindLogo,
    favicon: '/branding/northwind.ico',
    colors: { light: { primary: '#6d4c41', secondary: '#b3261e' } },
    supportUrl: 'https://support.northwind.example/',
    defaultLanguage: 'en',
  },
};
const noPartner = { partnerId: null, theme: {} };
/** A host token's shape: the panel reads its tenant (unverified) to pick the remembered theme. */
const tokenOf = (tid: string): string =>
  `e30.${btoa(JSON.stringify({ tid })).replace(/=+$/, '')}.signature`;

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
    on('POST', '/api/branding/resolve', { body: noPartner }),
    on('GET', '/api/branding', { body: noPartner }),
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
  it("opens with the host token, brands the panel with the tenant's partner theme from the first paint, and drops token and language from the address", async () => {
    const { requests } = serve(on('POST', '/api/branding/resolve', { body: northwind }));
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=en#/');
    render(<Switchboard />);
    expect(await screen.findByTestId('product-name')).toHaveProperty(
      'textContent',
      'Northwind Desk',
    );
    expect(screen.getByTestId('brand-logo').getAttribute('src')).toBe(northwindLogo);
    expect(await screen.findByText('Welcome to Northwind Desk')).toBeTruthy();
    expect(window.location.search).toBe('');
    // The theme was asked for with the host's token, before the token was exchanged.
    const resolve = requests.findIndex((r) => r.url.endsWith('/api/branding/resolve'));
    const exchange = requests.findIndex((r) => r.url.endsWith('/api/auth/session'));
    expect(resolve).toBeGreaterThanOrEqual(0);
    expect(resolve).toBeLessThan(exchange);
    expect(requests[resolve]?.body).toEqual({ token: 'host.jwt' });
    expect(requests[resolve]?.headers.get('Authorization')).toBeNull();
    expect(requests[exchange]?.body).toEqual({ token: 'host.jwt' });
    expect(document.title).toBe('Northwind Desk');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe(
      '/branding/northwind.ico',
    );
    const help = screen.getByRole('link', { name: 'Help and support' });
    expect(help.getAttribute('href')).toBe('https://support.northwind.example/');
    expect(help.getAttribute('rel')).toBe('noopener noreferrer');
    expect(document.documentElement.lang).toBe('en');
  });

  it('takes a new partner theme on the next open, without a rebuild: logo, colours and product name', async () => {
    const appBarColour = () =>
      getComputedStyle(screen.getByRole('banner')).getPropertyValue('--AppBar-background');
    serve(on('POST', '/api/branding/resolve', { body: northwind }));
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=en#/');
    const first = render(<Switchboard />);
    await within(await screen.findByRole('banner')).findByText('Northwind Desk');
    expect(appBarColour()).toBe('#6d4c41');
    first.unmount();

    // The platform moved the tenant back to no partner; the session goes on.
    const { requests } = serve(on('GET', '/api/branding', { body: noPartner }));
    window.history.replaceState(null, '', '/admin/#/');
    render(<Switchboard />);
    await waitFor(() => expect(screen.getByTestId('product-name').textContent).toBe('Switchboard'));
    expect(screen.getByTestId('brand-logo').getAttribute('src')).toBe(defaultBrand.logo);
    expect(appBarColour()).toBe(defaultBrand.colors.light.primary);
    expect(screen.queryByRole('link', { name: 'Help and support' })).toBeNull();
    const branding = requests.find((r) => r.url.endsWith('/api/branding'));
    expect(branding?.headers.get('Authorization')).toBe('Bearer panel-1');
  });

  it("paints the remembered theme first on a reload, never another tenant's", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const pending = new Promise((resolve) => {
      answer = resolve;
    });
    serve(on('POST', '/api/branding/resolve', { body: northwind }));
    window.history.replaceState(null, '', `/admin/?token=${tokenOf('t1')}&lang=en#/`);
    const first = render(<Switchboard />);
    await within(await screen.findByRole('banner')).findByText('Northwind Desk');
    first.unmount();

    // The reload: the served theme is slow to come; the remembered one shows meanwhile.
    const fake = fakeFetch(
      on('GET', '/api/auth/me', { body: { principal, tenant: { id: 't1', name: 'Acme' } } }),
      on('GET', '/api/settings', { body: overviewOf(2) }),
    );
    globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url.endsWith('/api/branding')) {
        await pending;
        return new Response(JSON.stringify(northwind), { status: 200 });
      }
      return fake.fetch(input, init);
    };
    window.history.replaceState(null, '', '/admin/#/');
    const second = render(<Switchboard />);
    expect(await screen.findByTestId('product-name')).toHaveProperty(
      'textContent',
      'Northwind Desk',
    );
    await act(async () => {
      answer(undefined);
      await pending;
    });
    second.unmount();

    // Another tenant's token: no remembered theme for it, so nothing is painted until its own loads.
    serve();
    window.sessionStorage.clear();
    window.history.replaceState(null, '', `/admin/?token=${tokenOf('t2')}&lang=en#/`);
    render(<Switchboard />);
    expect(screen.queryByText('Northwind Desk')).toBeNull();
    expect(await screen.findByTestId('product-name')).toHaveProperty('textContent', 'Switchboard');
  });

  it('falls back to its typed props when no partner theme is served, or the theme is refused', async () => {
    serve(
      on('POST', '/api/branding/resolve', {
        status: 401,
        body: { code: 'invalid_token', message: 'no' },
      }),
    );
    window.history.replaceState(null, '', '/admin/?token=host.jwt#/');
    render(
      <Switchboard
        productName="Helpdesk Plus"
        lightColors={{ primary: '#004d40' }}
        supportUrl="mailto:help@helpdesk.example"
        defaultLanguage="en"
      />,
    );
    expect(await screen.findByTestId('product-name')).toHaveProperty(
      'textContent',
      'Helpdesk Plus',
    );
    // No ?lang= and nothing remembered: the brand's default language.
    expect(await screen.findByText('Welcome to Helpdesk Plus')).toBeTruthy();
    expect(
      getComputedStyle(screen.getByRole('banner')).getPropertyValue('--AppBar-background'),
    ).toBe('#004d40');
    expect(screen.getByRole('link', { name: 'Help and support' }).getAttribute('href')).toBe(
      'mailto:help@helpdesk.example',
    );
  });

  it('remembers the language the user switched to, over the brand default, across a reload', async () => {
    serve();
    window.history.replaceState(null, '', '/admin/?token=host.jwt&lang=cs#/');
    const first = render(<Switchboard />);
    expect(await screen.findByText('Vítejte v aplikaci Switchboard')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Čeština' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'English' }));
    expect(await screen.findByText('Welcome to Switchboard')).toBeTruthy();
    first.unmount();

    serve();
    window.history.replaceState(null, '', '/admin/#/');
    render(<Switchboard defaultLanguage="cs" />);
    expect(await screen.findByText('Welcome to Switchboard')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
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

  it('shows "session ended" instead of a login form when there is no session, in the last brand seen', async () => {
    serve();
    window.localStorage.setItem(
      'sb.branding',
      JSON.stringify({ tenantId: 't1', branding: northwind }),
    );
    window.history.replaceState(null, '', '/admin/?lang=en#/');
    render(<Switchboard />);
    expect(await screen.findByRole('heading', { name: 'Your session has ended' })).toBeTruthy();
    expect(
      screen.getByText('Open Northwind Desk again from your helpdesk: it signs you in.'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Help and support' })).toBeTruthy();
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
