import {
  callParamsModelSchema,
  contactListSchema,
  emailThreadListSchema,
  emailThreadModelSchema,
  operatorGroupListSchema,
  operatorStatesResponseSchema,
  sessionListSchema,
  sessionModelSchema,
  tokenResponseSchema,
  userListSchema,
  userModelSchema,
  webhookListSchema,
} from '@switchboard/host-contract';
import type { z } from 'zod';
import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

/** Every v1 answer the sandbox gives must parse with the schema Switchboard's client uses. */
describe('v1 responses against the host contract', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
    await sandbox.control('POST', '/scenario/run', { steps: 60, seed: 5 });
    await sandbox.api('POST', '/Webhooks', token, {
      eventTypes: ['SessionCreated'],
      callbackUrl: 'http://127.0.0.1:9/x',
    });
    await sandbox.api('POST', `/Contacts?departmentId=${DEMO_TENANT_ID}`, token, [
      { oo1_guest_email: ['a@example.cz'] },
    ]);
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  const expectParses = async (schema: z.ZodType, path: string): Promise<unknown> => {
    const response = await sandbox.api('GET', path, token);
    expect(response.status).toBe(200);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
    // Every enum value the sandbox sends is one the contract knows.
    expect(JSON.stringify(parsed.data)).not.toContain('"UNKNOWN"');
    return parsed.data;
  };

  it('sessions, one session and its call params', async () => {
    const sessions = (await expectParses(sessionListSchema, '/Sessions?limit=1000')) as {
      id: number;
    }[];
    expect(sessions.length).toBeGreaterThan(10);
    for (const session of sessions.slice(0, 10)) {
      await expectParses(sessionModelSchema, `/Sessions/${session.id}`);
      await expectParses(callParamsModelSchema, `/Sessions/${session.id}/callparams`);
    }
  });

  it('users, operator states and groups', async () => {
    const users = (await expectParses(userListSchema, '/Users')) as { id: number }[];
    await expectParses(userModelSchema, `/Users/${users[0]?.id}`);
    await expectParses(operatorStatesResponseSchema, '/Users/operatorStates');
    await expectParses(operatorGroupListSchema, '/Groups');
  });

  it('e-mail threads, contacts and webhooks', async () => {
    const threads = (await expectParses(emailThreadListSchema, '/EmailThreads')) as {
      id: number;
    }[];
    expect(threads.length).toBeGreaterThan(0);
    await expectParses(emailThreadModelSchema, `/EmailThreads/${threads[0]?.id}`);
    await expectParses(contactListSchema, '/Contacts');
    await expectParses(webhookListSchema, '/Webhooks');
  });

  it('the token response', async () => {
    const response = await fetch(`${sandbox.baseUrl}/login/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret',
    });
    expect(tokenResponseSchema.parse(await response.json())).toMatchObject({ expires_in: 3600 });
  });
});
