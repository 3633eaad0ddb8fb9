import { admissionRouteProbes } from './route-probes/admission.js';
import { anonymizationRouteProbes } from './route-probes/anonymization.js';
import { availabilityRouteProbes } from './route-probes/availability.js';
import { chatRouteProbes } from './route-probes/chat.js';
import { coreRouteProbes } from './route-probes/core.js';
import { hostRouteProbes } from './route-probes/host.js';
import { jobsRouteProbes } from './route-probes/jobs.js';
import { operationsRouteProbes } from './route-probes/operations.js';
import { panelRouteProbes } from './route-probes/panel.js';
import type { RouteProbes } from './route-probes/probe.js';
import { settingsRouteProbes } from './route-probes/settings.js';

export type { ProbeContext, RouteProbe, RouteProbes } from './route-probes/probe.js';

/**
 * How to call every route of the app as tenant B against tenant A's data. The tenant isolation
 * test fails for any registered route missing here, so a new route cannot escape it: a new
 * capability adds a `route-probes/<capability>.ts` and spreads it in below.
 */
export const routeCatalogue: RouteProbes = {
  ...admissionRouteProbes,
  ...coreRouteProbes,
  ...settingsRouteProbes,
  ...hostRouteProbes,
  ...jobsRouteProbes,
  ...chatRouteProbes,
  ...operationsRouteProbes,
  ...panelRouteProbes,
  ...anonymizationRouteProbes,
  ...availabilityRouteProbes,
};
