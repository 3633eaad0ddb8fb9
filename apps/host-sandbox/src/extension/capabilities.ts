import { CAPABILITIES } from '@switchboard/host-contract';

/** The sandbox implements every extension capability; a v1-only host declares none. */
export function hostCapabilities(v1Only: boolean): string[] {
  return v1Only ? [] : [...CAPABILITIES];
}
