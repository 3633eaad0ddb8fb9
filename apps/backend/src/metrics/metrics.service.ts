import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';

/** Every metric of ours starts with this; the process and Node.js metrics keep their usual names. */
export const METRIC_PREFIX = 'switchboard_';

/** Seconds. Hooks answer within a 10 ms p99 budget, so the low end is fine-grained. */
export const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
/** Seconds. HTTP requests of the panel and the host. */
export const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds. Calls to the host, retries and backoff pauses included. */
export const REMOTE_CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * CPU, memory, event loop lag, GC and handles belong to the process, not to one Nest app: they are
 * collected once per process (the collectors install observers that are never removed), however
 * many apps the process creates (the e2e tests create many). Started when this module loads, as
 * the CPU counters count from the moment their collector starts.
 */
const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

type Named<T> = T & { name: `${typeof METRIC_PREFIX}${string}` };

/**
 * The app's Prometheus registry. Capabilities register their own families here (in their
 * constructor or `onModuleInit`) and keep the returned metric; `GET /metrics` renders them all.
 * Registering a name twice returns the first metric when the kind and labels match (two providers
 * may share a family) and throws otherwise.
 *
 * Labels must have bounded values: route templates, enums, outcomes. A tenant id is a label only
 * on the `switchboard_tenant_*` counters and only when `perTenant` is on (see docs/operations.md).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** METRICS_TENANT_LABELS: whether per-tenant series are kept. */
  readonly perTenant: boolean;

  constructor(@InjectEnv() env: Env) {
    this.perTenant = env.METRICS_TENANT_LABELS;
  }

  counter<L extends string>(config: Named<CounterConfiguration<L>>): Counter<L> {
    return this.register(
      config,
      Counter,
      () => new Counter({ ...config, registers: [this.registry] }),
    );
  }

  histogram<L extends string>(config: Named<HistogramConfiguration<L>>): Histogram<L> {
    return this.register(
      config,
      Histogram,
      () => new Histogram({ ...config, registers: [this.registry] }),
    );
  }

  gauge<L extends string>(config: Named<GaugeConfiguration<L>>): Gauge<L> {
    return this.register(config, Gauge, () => new Gauge({ ...config, registers: [this.registry] }));
  }

  /** The exposition text: the process metrics, then the app's. */
  async render(): Promise<string> {
    const [process, app] = await Promise.all([processRegistry.metrics(), this.registry.metrics()]);
    return `${process}\n${app}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private register<M extends Counter<L> | Histogram<L> | Gauge<L>, L extends string>(
    config: { name: string; labelNames?: readonly L[] },
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M {
    const existing = this.registry.getSingleMetric(config.name);
    if (existing === undefined) return create();
    const existingLabels = [...((existing as { labelNames?: string[] }).labelNames ?? [])].sort();
    const wantedLabels = [...(config.labelNames ?? [])].sort();
    if (!(existing instanceof kind) || existingLabels.join() !== wantedLabels.join()) {
      throw new Error(`Metric ${config.name} is already registered with another kind or labels`);
    }
    return existing;
  }
}
