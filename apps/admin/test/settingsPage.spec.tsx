/** @jest-environment ./test/support/jsdomEnvironment.cjs */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { translate } from '@switchboard/settings-model';
import { SettingsCategoryPage } from '../src/settings/SettingsCategoryPage.js';
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';
import { renderWithAdmin } from './support/renderWithAdmin.js';

afterEach(cleanup);

const section = (labelKey: string, locale: 'cs' | 'en' = 'en') =>
  screen.getByRole('region', { name: translate(locale, labelKey) });

describe('a settings screen', () => {
  it('shows where each value comes from, and licence-gated settings disabled with the reason', async () => {
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(3, { 'chat.clientHistory': true }, []) }),
    );
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch });
    const history = await waitFor(() => section('settings.chat.clientHistory.label'));
    expect(within(history).getByText('Tenant setting')).toBeTruthy();
    expect(within(history).getByRole('button', { name: /Reset to default/ })).toBeTruthy();
    const av = section('settings.chat.avRecording.label');
    expect(within(av).getByText('Default value')).toBeTruthy();
    expect(within(av).getByText(/Your licence does not include this feature/)).toBeTruthy();
    expect(within(av).getByRole<HTMLInputElement>('switch').disabled).toBe(true);
  });

  it('validates on change with the model, in the admin language, and blocks saving', async () => {
    const { fetch } = fakeFetch(on('GET', '/api/settings', { body: overviewOf(3) }));
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch, locale: 'cs' });
    const replyTo = await waitFor(() => section('settings.chat.transcriptReplyTo.label', 'cs'));
    fireEvent.click(
      within(replyTo).getByRole('radio', {
        name: translate('cs', 'settings.options.replyTo.company'),
      }),
    );
    expect(
      await within(replyTo).findByText(translate('cs', 'settings.errors.company_address_required')),
    ).toBeTruthy();
    const address = within(replyTo).getByLabelText(
      translate('cs', 'settings.chat.transcriptReplyTo.companyAddress.label'),
    );
    fireEvent.change(address, { target: { value: 'podpora@' } });
    expect(
      await within(replyTo).findByText(translate('cs', 'settings.errors.invalid_format')),
    ).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Uložit' }).disabled).toBe(true);
  });

  it('saves with If-Match, and on 409 shows the other change and re-applies mine on top', async () => {
    const patches: { ifMatch: string | null; body: unknown }[] = [];
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(3) }),
      on('PATCH', '/api/settings', (request) => {
        patches.push({ ifMatch: request.headers.get('If-Match'), body: request.body });
        if (patches.length === 1) {
          return {
            status: 409,
            body: {
              statusCode: 409,
              code: 'version_conflict',
              message: 'Settings changed meanwhile',
              details: {
                currentVersion: 4,
                changesSince: [
                  { scope: 'tenant', key: 'chat.clientHistory', before: null, after: true },
                ],
              },
            },
          };
        }
        return {
          body: overviewOf(5, { 'chat.clientHistory': true, 'chat.statusWhenAllAway': 'offline' }),
          headers: { ETag: '"5"' },
        };
      }),
    );
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch });
    const away = await waitFor(() => section('settings.chat.statusWhenAllAway.label'));
    fireEvent.click(within(away).getByRole('radio', { name: 'Offline' }));
    expect(within(away).getByText('Unsaved change')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: /Someone else saved/ });
    const row = within(dialog).getByRole('row', { name: /Client chat history/ });
    expect(row.textContent).toContain('Not set (inherited)');
    expect(row.textContent).toContain('On');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep mine and overwrite' }));
    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches.map((p) => p.ifMatch)).toEqual(['"3"', '"4"']);
    expect(patches[1]?.body).toEqual({ values: { 'chat.statusWhenAllAway': 'offline' } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      within(section('settings.chat.statusWhenAllAway.label')).getByText('Tenant setting'),
    ).toBeTruthy();
  });

  it('puts the server 422 errors on the fields they name', async () => {
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(3) }),
      on('PATCH', '/api/settings', {
        status: 422,
        body: {
          statusCode: 422,
          code: 'validation_failed',
          message: 'Invalid settings',
          errors: [
            {
              path: 'values.chat.callbackNumberBlock',
              code: 'too_big',
              message: 'Server: at most 7 days',
            },
          ],
        },
      }),
    );
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch });
    const block = await waitFor(() => section('settings.chat.callbackNumberBlock.label'));
    fireEvent.change(within(block).getByRole('spinbutton'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await within(block).findByText('Server: at most 7 days')).toBeTruthy();
  });

  it('resets a stored value to its default with null', async () => {
    const bodies: unknown[] = [];
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(3, { 'chat.clientHistory': true }) }),
      on('PATCH', '/api/settings', (request) => {
        bodies.push(request.body);
        return { body: overviewOf(4) };
      }),
    );
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch });
    const history = await waitFor(() => section('settings.chat.clientHistory.label'));
    fireEvent.click(within(history).getByRole('button', { name: /Reset to default/ }));
    expect(within(history).getByText('Will reset to default')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toEqual([{ values: { 'chat.clientHistory': null } }]));
  });

  it('is read-only for a viewer, with a note', async () => {
    const { fetch } = fakeFetch(on('GET', '/api/settings', { body: overviewOf(3) }));
    renderWithAdmin(<SettingsCategoryPage category="email" />, { fetch, roles: ['viewer'] });
    expect(await screen.findByText(/only an administrator can change them/)).toBeTruthy();
    const order = section('settings.email.queueOrder.label');
    expect(
      within(order).getByRole<HTMLInputElement>('radio', { name: 'Oldest first' }).disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('edits offline-callback hours per weekday, with overlap errors from the model on the interval', async () => {
    const { fetch } = fakeFetch(on('GET', '/api/settings', { body: overviewOf(3) }));
    renderWithAdmin(<SettingsCategoryPage category="chat" />, { fetch });
    const callback = await waitFor(() => section('settings.chat.offlineCallback.label'));
    fireEvent.click(within(callback).getByRole('switch', { name: 'Enabled' }));
    const monday = await within(callback).findByRole('row', { name: /Monday/ });
    expect(
      within(monday).getByRole('textbox', { name: 'Monday, interval 1: from' }),
    ).toHaveProperty('value', '08:00');
    fireEvent.click(within(monday).getByRole('button', { name: 'Add interval to Monday' }));
    const secondStart = within(monday).getByRole('textbox', { name: 'Monday, interval 2: from' });
    expect(secondStart).toHaveProperty('value', '16:00');
    expect(
      within(callback).queryByText('This interval overlaps another one on the same day.'),
    ).toBeNull();
    fireEvent.change(secondStart, { target: { value: '15:00' } });
    expect(
      await within(monday).findByText('This interval overlaps another one on the same day.'),
    ).toBeTruthy();
    fireEvent.click(within(monday).getByRole('button', { name: 'Remove interval 2 of Monday' }));
    await waitFor(() =>
      expect(
        within(callback).queryByText('This interval overlaps another one on the same day.'),
      ).toBeNull(),
    );
    const sunday = within(callback).getByRole('row', { name: /Sunday/ });
    expect(within(sunday).getByText('Closed')).toBeTruthy();
  });
});
