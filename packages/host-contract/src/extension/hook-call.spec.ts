import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import { verifyWebhook } from '../signing/standard-webhooks.js';
import { callDecisionHook } from './hook-call.js';
import { signPanelToken } from './panel-token.js';

const SECRET = 'whsec_MfKQ9r8GKYqXsOsMSDlwQZ0fm1EIcS4tb6IOT0ZeAZk=';

let server: Server;
let baseUrl: string;
let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      answer(req, res, body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const admission = {
  tenantId: '42',
  requestedAt: '2026-11-25T10:00:00Z',
  sessionId: '123456789012',
  channel: 'Chat',
  source: 'Default',
  guest: { trackedId: 'device-1' },
};

const reply = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** Far above any answer time on a loaded CI machine: these tests are about outcomes, not speed. */
const TEST_BUDGET_MS = 10_000;

describe('calling a decision hook (host side)', () => {
  it('posts a signed request to the hook path and returns the parsed decision', async () => {
    answer = reply(200, { decision: 'refuse', reason: 'banned' });
    const outcome = await callDecisionHook({
      baseUrl,
      hook: 'sessionAdmission',
      secret: SECRET,
      request: admission,
      budgetMs: TEST_BUDGET_MS,
    });
    expect(outcome).toMatchObject({
      decidedBy: 'hook',
      response: { decision: 'refuse', reason: 'banned' },
    });
    const request = seen.at(-1);
    expect(request?.url).toBe('/hooks/session-admission');
    expect(verifyWebhook(SECRET, request?.headers ?? {}, request?.body ?? '')).toEqual({
      ok: true,
    });
  });

  it('applies the safe default when the answer misses the budget', async () => {
    answer = (_req, res) =>
      setTimeout(() => reply(200, { decision: 'refuse', reason: 'banned' })(_req, res), 3000);
    const outcome = await callDecisionHook({
      baseUrl,
      hook: 'sessionAdmission',
      secret: SECRET,
      request: admission,
      budgetMs: 30,
    });
    expect(outcome).toMatchObject({
      decidedBy: 'safe_default',
      reason: 'timeout',
      response: { decision: 'admit', preview: null },
    });
    // Decided long before the late answer came: the call was cut at the budget, not awaited.
    expect(outcome.latencyMs).toBeLessThan(2000);
  });

  it('applies the safe default on an error status or an answer that does not parse', async () => {
    answer = reply(500, { code: 'boom' });
    await expect(
      callDecisionHook({
        baseUrl,
        hook: 'avStart',
        secret: SECRET,
        request: { ...admission, operatorUserId: 17 },
        budgetMs: TEST_BUDGET_MS,
      }),
    ).resolves.toMatchObject({
      decidedBy: 'safe_default',
      reason: 'http_error',
      status: 500,
      response: { record: false },
    });
    answer = reply(200, { record: 'yes' });
    await expect(
      callDecisionHook({
        baseUrl,
        hook: 'avStart',
        secret: SECRET,
        request: admission,
        budgetMs: TEST_BUDGET_MS,
      }),
    ).resolves.toMatchObject({ decidedBy: 'safe_default', reason: 'invalid_response' });
    answer = reply(200, 'not json');
    await expect(
      callDecisionHook({
        baseUrl,
        hook: 'nextEmail',
        secret: SECRET,
        request: { tenantId: '42', requestedAt: admission.requestedAt, operatorUserId: 17 },
        budgetMs: TEST_BUDGET_MS,
      }),
    ).resolves.toMatchObject({
      decidedBy: 'safe_default',
      reason: 'invalid_response',
      response: null,
    });
  });

  it('applies the safe default when nothing listens', async () => {
    const outcome = await callDecisionHook({
      baseUrl: 'http://127.0.0.1:1',
      hook: 'fileUpload',
      secret: SECRET,
      request: { ...admission, uploader: 'guest', fileName: 'photo.jpg', sizeBytes: 120_000 },
      budgetMs: TEST_BUDGET_MS,
    });
    expect(outcome).toMatchObject({
      decidedBy: 'safe_default',
      reason: 'network',
      response: { decision: 'allow' },
    });
  });
});

describe('panel tokens', () => {
  it('are HS256 JWTs over the UTF-8 bytes of the panel secret', () => {
    const secret = 'panel-secret-0123456789abcdef-0123456789';
    const claims = {
      tid: '42',
      sub: '17',
      name: 'Jana',
      roles: ['admin' as const],
      aud: 'switchboard',
      iat: 1_700_000_000,
      exp: 1_700_000_600,
    };
    const token = signPanelToken(claims, secret);
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    const signed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { jti: string };
    // A unique jti is added, so the token can be exchanged for a panel session exactly once.
    expect(signed).toEqual({ ...claims, jti: expect.any(String) });
    const again = signPanelToken(claims, secret).split('.')[1] ?? '';
    expect(
      (JSON.parse(Buffer.from(again, 'base64url').toString()) as { jti: string }).jti,
    ).not.toBe(signed.jti);
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
    expect(() => signPanelToken({ ...claims, roles: [] }, secret)).toThrow();
  });
});
