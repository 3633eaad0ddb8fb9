import type { Role } from '../../src/auth/principal.js';
import type { SandboxProcess } from './sandbox-process.js';
import { hostToken } from './tenants.js';
import { TEST_PLATFORM_SECRET } from './test-app.js';

/*
 * Helpers of the anonymization specs: a tenant's history seeded on the sandbox (sessions of many
 * ages, channels, packages and tags, full of client data), the sandbox's view of it, and the
 * panel calls that save a rule and follow a run.
 */

const DAY_MS = 86_400_000;
const AGES_DAYS = [1, 10, 45, 89.5, 90.5, 120, 200, 400];
const CHANNELS = ['Chat', 'AV', 'Phone'] as const;

export interface SeededSession {
  id: number;
  channel: (typeof CHANNELS)[number];
  packageId: number | null;
  endedAt: Date;
  tags: string[];
}

export interface SandboxSession {
  id: number;
  tenantId: number;
  channel: string;
  packageId: number | null;
  ended: string | null;
  tagIds: number[];
  anonymized: string | null;
  anonymizedCategories: string[];
  activities: { text: string | null }[];
  files: { isDeleted: boolean }[];
  recordings: { isDeleted: boolean }[];
  callParams: unknown[];
  result: string | null;
  feedback: { stars: number | null; text: string | null };
  phoneCallbackNumber: string | null;
  guest: Record<string, unknown>;
}

export interface AnonymizationCall {
  sessionId: number;
  via: 'extension' | 'v1';
  categories: string[];
  results: { category: string; outcome: string; itemCount: number }[];
}

/**
 * `count` ended sessions, deterministic per index: ages around the 90-day line and far beyond,
 * every channel, each package and none, `legal-hold` on every 7th and `vip` on every 5th, each with
 * messages, a file, parameters, a contact link, a result and feedback (every other a recording).
 */
export async function seedHistory(
  sandbox: SandboxProcess,
  tenantId: number,
  packageIds: readonly number[],
  count: number,
  options: {
    now?: number;
    startIndex?: number;
    richness?: 'full' | 'light';
    /** Ages to cycle through, in days before now (default: around the 90-day line and beyond). */
    agesDays?: readonly number[];
  } = {},
): Promise<SeededSession[]> {
  const now = options.now ?? Date.now();
  const ages = options.agesDays ?? AGES_DAYS;
  const start = options.startIndex ?? 0;
  const packages = [...packageIds, null];
  const seeded: Omit<SeededSession, 'id'>[] = [];
  const bodies: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const i = start + n;
    const channel = CHANNELS[i % CHANNELS.length] ?? 'Chat';
    const packageId = packages[i % packages.length] ?? null;
    const endedAt = new Date(now - (ages[i % ages.length] ?? 1) * DAY_MS - i * 1000);
    const tags = [...(i % 7 === 0 ? ['legal-hold'] : []), ...(i % 5 === 0 ? ['vip'] : [])];
    seeded.push({ channel, packageId, endedAt, tags });
    const full = options.richness !== 'light';
    bodies.push({
      channel,
      source: channel === 'Phone' ? 'Callback' : 'Default',
      packageId,
      ended: endedAt.toISOString(),
      durationSeconds: 240 + (i % 60),
      guest: {
        name: `Klient ${i}`,
        email: `klient${i}@example.cz`,
        phone: `+420777${String(i).padStart(6, '0')}`,
        ipAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        trackedId: `device-${i}`,
        userAgent: 'Mozilla/5.0',
      },
      messages: full
        ? [{ text: `Dobrý den, tady ${i}` }, { from: 'operator', text: 'Dobrý den, jak pomohu?' }]
        : [{ text: `Zpráva ${i}` }],
      files: full ? [`doklad-${i}.pdf`] : [],
      recordings: full && i % 2 === 0 ? 1 : 0,
      callParams: full ? { jmeno: `Klient ${i}`, objednavka: `OBJ-${i}` } : { jmeno: `K${i}` },
      tags,
      contactId: 70_000 + i,
      result: `výsledek ${i}`,
      feedback: full ? { stars: 1 + (i % 5), text: `hodnocení ${i}` } : null,
    });
  }
  const ids: number[] = [];
  // Chunks that stay under the sandbox's 1 MB body limit.
  for (let offset = 0; offset < bodies.length; offset += 500) {
    const response = await sandbox.control<{ ids: number[] }>(
      'POST',
      `/tenants/${tenantId}/sessions/history`,
      { sessions: bodies.slice(offset, offset + 500) },
    );
    if (response.status !== 201) {
      throw new Error(`seeding failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    ids.push(...response.body.ids);
  }
  return seeded.map((s, index) => ({ ...s, id: ids[index] ?? 0 }));
}

export async function sandboxSessions(
  sandbox: SandboxProcess,
  tenantId: number,
): Promise<SandboxSession[]> {
  const response = await sandbox.control<SandboxSession[]>('GET', `/tenants/${tenantId}/sessions`);
  return response.body;
}

export async function anonymizationCalls(
  sandbox: SandboxProcess,
  tenantId: number,
): Promise<AnonymizationCall[]> {
  return (await sandbox.control<AnonymizationCall[]>('GET', `/anonymizations?tenantId=${tenantId}`))
    .body;
}

/** Installs the plugin for a sandbox tenant against the app at `switchboardUrl`. */
export async function installOnSandbox(
  sandbox: SandboxProcess,
  tenantId: number,
  switchboardUrl: string,
): Promise<{ panelTokenSecret: string; webhookSecret: string }> {
  const response = await sandbox.control<{
    installation: { panelTokenSecret: string; webhookSecret: string };
  }>('POST', `/tenants/${tenantId}/install-plugin`, {
    switchboardUrl,
    platformSecret: TEST_PLATFORM_SECRET,
  });
  if (response.status !== 200) {
    throw new Error(`install failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.installation;
}

/** A panel session on the backend at `baseUrl` (any process, not only the in-test app). */
export async function panelAuthorization(
  baseUrl: string,
  tenantId: number | string,
  panelTokenSecret: string,
  roles: Role[],
): Promise<string> {
  const token = await hostToken(panelTokenSecret, { tenantId: String(tenantId), roles });
  const response = await fetch(`${baseUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 201) throw new Error(`session failed: ${response.status}`);
  return `Bearer ${((await response.json()) as { sessionToken: string }).sessionToken}`;
}

/** A JSON call to the backend as the given authorization. */
export async function call<T = unknown>(
  baseUrl: string,
  authorization: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

/** Saves the tenant's anonymization setting through the settings API. */
export async function saveRule(
  baseUrl: string,
  authorization: string,
  value: unknown,
): Promise<void> {
  const current = await call<{ version: number }>(baseUrl, authorization, 'GET', '/api/settings');
  const saved = await call(
    baseUrl,
    authorization,
    'PATCH',
    '/api/settings',
    { values: { 'general.autoAnonymization': value } },
    { 'if-match': `"${current.body.version}"` },
  );
  if (saved.status !== 200)
    throw new Error(`saving the rule failed: ${JSON.stringify(saved.body)}`);
}

export interface RunBody {
  id: string;
  status: string;
  mode: string;
  total: number;
  processed: number;
  counts: Record<string, number>;
  hostMs: number;
  switchboardMs: number;
  durationMs: number;
}

/**
 * Polls `check` every `intervalMs` (gently: a long run should not be slowed by its observer)
 * until it returns a value.
 */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      // A backend that is restarting refuses connections for a moment: ask again.
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls the run until it is no longer running. */
export async function waitForRun(
  baseUrl: string,
  authorization: string,
  runId: string,
  timeoutMs: number,
  intervalMs = 250,
): Promise<RunBody> {
  return poll(
    async () => {
      const run = await call<RunBody>(
        baseUrl,
        authorization,
        'GET',
        `/api/anonymization/runs/${runId}`,
      );
      return run.status === 200 && run.body.status !== 'running' ? run.body : undefined;
    },
    timeoutMs,
    `run ${runId} to finish`,
    intervalMs,
  );
}

/** Polls the status until the latest backfill completed. */
export async function waitForBackfill(
  baseUrl: string,
  authorization: string,
  timeoutMs: number,
): Promise<{ sessionsSeen: number }> {
  return poll(
    async () => {
      const status = await call<{ backfills: { status: string; sessionsSeen: number }[] }>(
        baseUrl,
        authorization,
        'GET',
        '/api/anonymization/status',
      );
      const latest = status.body.backfills[0];
      if (latest?.status === 'failed')
        throw new Error(`the backfill failed: ${JSON.stringify(latest)}`);
      return latest?.status === 'completed' ? latest : undefined;
    },
    timeoutMs,
    'the backfill to complete',
  );
}

export const ALL_CATEGORIES = [
  'messages_files',
  'recordings',
  'contact_link',
  'session_params',
  'result_feedback',
];

/** Whether the sandbox's session holds no client data any more, in every category. */
export function isFullyAnonymized(session: SandboxSession): boolean {
  const g = session.guest;
  return (
    ALL_CATEGORIES.every((c) => session.anonymizedCategories.includes(c)) &&
    session.anonymized !== null &&
    session.activities.every((a) => a.text === null) &&
    session.files.every((f) => f.isDeleted) &&
    session.recordings.every((r) => r.isDeleted) &&
    session.callParams.length === 0 &&
    session.result === null &&
    session.feedback.stars === null &&
    session.feedback.text === null &&
    session.phoneCallbackNumber === null &&
    [
      'identity',
      'channelIdentity',
      'phone',
      'email',
      'name',
      'ipAddress',
      'trackedId',
      'userAgent',
    ].every((key) => g[key] === null)
  );
}
