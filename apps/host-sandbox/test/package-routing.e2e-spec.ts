import {
  applicationSettingChangedPayloadSchema,
  EXTENSION_PATHS,
  packageListSchema,
  widgetPresetListSchema,
} from '@switchboard/host-contract';
import { installAgainst } from './support/install.js';
import { Receiver } from './support/receiver.js';
import {
  DEMO_TENANT_ID,
  startSandbox,
  waitFor,
  type Json,
  type Sandbox,
} from './support/sandbox-harness.js';

/** What a plugin needs for package status: routing it can re-read, and v1's chat button. */
describe('package routing and the v1 chat button', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let token: string;
  let packages: { packageId: number; name: string; groupIds: number[] }[];
  let groups: { id: number; name: string; userIds: number[] }[];

  beforeAll(async () => {
    sandbox = await startSandbox();
    receiver = await new Receiver().start();
    receiver.on('/events', () => ({ status: 204 }));
    const installed = await installAgainst(sandbox, receiver);
    token = await sandbox.token(installed.clientId, installed.clientSecret);
    packages = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body;
    groups = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/groups`)).body;
    const registered = await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['ApplicationSettingChanged'],
      callbackUrl: `${receiver.url}/events`,
    });
    expect(registered.status).toBe(201);
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  const changes = (): Json[] => receiver.to('/events').map((request) => request.json);

  it('lists the packages as v1 widget presets and shows or hides their chat button', async () => {
    const listed = widgetPresetListSchema.parse((await sandbox.api('GET', '/Widgets', token)).body);
    expect(listed.map((w) => w.id)).toEqual(packages.map((p) => p.packageId));
    expect(listed.every((w) => w.buttonVisible === true && w.departmentId === DEMO_TENANT_ID)).toBe(
      true,
    );
    const [first, second] = packages;
    const hidden = await sandbox.api('PUT', `/Widgets/${first?.packageId}/chatButton`, token, {
      displayButton: false,
    });
    expect(hidden.status).toBe(204);
    const after = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body;
    expect(after.map((p: { buttonVisible: boolean }) => p.buttonVisible)).toEqual([
      false,
      true,
      true,
    ]);
    expect(
      (await sandbox.api('PUT', `/Widgets/${second?.packageId}/chatButton`, token, {})).status,
    ).toBe(400);
    expect(
      (await sandbox.api('PUT', '/Widgets/999999/chatButton', token, { displayButton: true }))
        .status,
    ).toBe(404);
    expect((await sandbox.api('GET', '/Widgets', null)).status).toBe(401);
  });

  it('announces a change of group members as ApplicationSettingChanged, with the new members', async () => {
    const group = groups.find((g) => g.name === 'Obchod')!;
    const members = [...group.userIds.slice(1)];
    const changed = await sandbox.control('PUT', `/groups/${group.id}/members`, {
      userIds: members,
    });
    expect(changed.status).toBe(200);
    const [event] = await waitFor(() => changes().length >= 1 && changes());
    expect(event.eventType).toBe('ApplicationSettingChanged');
    expect(applicationSettingChangedPayloadSchema.parse(event.data)).toMatchObject({
      name: 'OperatorGroupMembers',
      departmentId: DEMO_TENANT_ID,
      operatorGroupId: group.id,
    });
    const read = (await sandbox.api('GET', `/Groups/${group.id}`, token)).body;
    expect(read.userIds).toEqual(members);
    expect(
      (await sandbox.control('PUT', `/groups/${group.id}/members`, { userIds: [424242] })).status,
    ).toBe(404);
  });

  it('changes what a package routes to and announces it', async () => {
    const target = packages[1]!;
    const technici = groups.find((g) => g.name === 'Technici')!;
    const routed = await sandbox.control('PUT', `/packages/${target.packageId}/routing`, {
      groupIds: [technici.id],
      userIds: [groups[0]!.userIds[0]],
    });
    expect(routed.status).toBe(200);
    await waitFor(() => changes().length >= 2);
    expect(changes()[1].data).toMatchObject({
      name: 'PackageRouting',
      departmentId: DEMO_TENANT_ID,
    });
    const listed = packageListSchema.parse(
      (await sandbox.api('GET', EXTENSION_PATHS.host.packages, token)).body,
    );
    expect(listed.find((p) => p.id === target.packageId)).toMatchObject({
      groupIds: [technici.id],
      userIds: [groups[0]!.userIds[0]],
    });
    const unknown = await sandbox.control('PUT', `/packages/${target.packageId}/routing`, {
      groupIds: [987654],
    });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown_group' } });
  });
});
