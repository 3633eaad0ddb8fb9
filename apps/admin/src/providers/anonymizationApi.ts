import type { ApiClient, Download } from './apiClient.js';

export const RUN_STATUSES = [
  'running',
  'completed',
  'completed_with_failures',
  'stopped',
  'cancelled',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ITEM_STATUSES = ['pending', 'done', 'failed', 'skipped', 'deferred'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Why a session was skipped (legal_hold … not_ended) or deferred (window_end, cancelled). */
export const ITEM_REASONS = [
  'legal_hold',
  'not_found',
  'channel',
  'package',
  'too_recent',
  'not_ended',
  'window_end',
  'cancelled',
] as const;

export const LEDGER_STATUSES = ['pending', 'done', 'failed'] as const;
export const LEDGER_CATEGORIES = [
  'messages_files',
  'recordings',
  'contact_link',
  'session_params',
  'result_feedback',
  'switchboard_data',
] as const;

export interface AnonymizationRun {
  id: string;
  trigger: 'schedule' | 'manual';
  status: RunStatus;
  mode: 'categories' | 'whole_session';
  cutoff: string | null;
  deadline: string | null;
  requestedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  total: number;
  counts: Record<ItemStatus, number>;
  processed: number;
  /** 0..1 */
  progress: number;
  durationMs: number;
  sessionsPerSecond: number | null;
}

export interface DryRunResult {
  enabled: boolean;
  cutoff: string | null;
  count: number;
  byChannel: Partial<Record<'chat' | 'av' | 'phone', number>>;
  exempted: number;
  unresolved: number;
  sample: { sessionId: string; endedAt: string; channel: string; packageId: string | null }[];
}

export interface AnonymizationStatus {
  rule: unknown;
  activeRun: AnonymizationRun | null;
  lastRun: AnonymizationRun | null;
  index: {
    indexed: number;
    anonymized: number;
    detailsUnknown: number;
    missing: number;
    oldestEndedAt: string | null;
  };
}

/** The anonymization API (`/api/anonymization`): dry runs, runs and their ledgers. */
export class AnonymizationApi {
  constructor(private readonly client: ApiClient) {}

  async dryRun(rule: unknown, signal?: AbortSignal): Promise<DryRunResult> {
    return (
      await this.client.request<DryRunResult>('/anonymization/dry-run', {
        method: 'POST',
        body: { rule },
        ...(signal ? { signal } : {}),
      })
    ).data;
  }

  async status(): Promise<AnonymizationStatus> {
    return (await this.client.request<AnonymizationStatus>('/anonymization/status')).data;
  }

  async run(id: string): Promise<AnonymizationRun> {
    return (await this.client.request<AnonymizationRun>(`/anonymization/runs/${id}`)).data;
  }

  async start(): Promise<AnonymizationRun> {
    return (await this.client.request<AnonymizationRun>('/anonymization/runs', { method: 'POST' }))
      .data;
  }

  async cancel(id: string): Promise<AnonymizationRun> {
    return (
      await this.client.request<AnonymizationRun>(`/anonymization/runs/${id}/cancel`, {
        method: 'POST',
      })
    ).data;
  }

  runLedgerCsv(id: string): Promise<Download> {
    return this.client.download(`/anonymization/runs/${id}/ledger.csv`);
  }

  ledgerCsv(filter: Record<string, unknown>): Promise<Download> {
    const active = Object.fromEntries(
      Object.entries(filter).filter(([, value]) => value !== undefined && value !== ''),
    );
    return this.client.download(
      '/anonymization/ledger.csv',
      Object.keys(active).length > 0 ? { query: { filter: JSON.stringify(active) } } : {},
    );
  }
}
