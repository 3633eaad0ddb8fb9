import type { RouteProbes } from './probe.js';

/** Probes of the operator endpoints (metrics). */
export const operationsRouteProbes: RouteProbes = {
  'GET /metrics': {
    reason: "the scraper's METRICS_TOKEN, never a tenant's credential, opens every tenant's series",
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/metrics`, { headers: { authorization: ctx.bAuthorization } }),
    expect: 'denied',
  },
};
