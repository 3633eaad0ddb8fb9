export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  cooldownMs: number;
  now: () => number;
  onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

/**
 * closed → open after `failureThreshold` consecutive failures; open refuses every call until
 * `cooldownMs` has passed; then half-open lets exactly one probe through (others are refused):
 * success closes the circuit, failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    if (this.current === 'open' && this.options.now() - this.openedAt >= this.options.cooldownMs) {
      return 'half_open';
    }
    return this.current;
  }

  /** Epoch ms when an open circuit admits a probe. */
  get retryAt(): number {
    return this.openedAt + this.options.cooldownMs;
  }

  /**
   * Asks to send one attempt. Returns a permit (`'probe'` for the half-open probe) or null when the
   * attempt must fail fast.
   */
  tryAcquire(): 'normal' | 'probe' | null {
    const state = this.state;
    if (state === 'closed') return 'normal';
    if (state === 'open' || this.probeInFlight) return null;
    this.transition('half_open');
    this.probeInFlight = true;
    return 'probe';
  }

  onSuccess(permit: 'normal' | 'probe'): void {
    if (permit === 'probe') this.probeInFlight = false;
    this.failures = 0;
    if (this.current !== 'closed') this.transition('closed');
  }

  onFailure(permit: 'normal' | 'probe'): void {
    if (permit === 'probe') {
      this.probeInFlight = false;
      this.open();
      return;
    }
    this.failures += 1;
    if (this.current === 'closed' && this.failures >= this.options.failureThreshold) this.open();
  }

  /** An attempt that ended without telling anything about the host's health (e.g. a 4xx). */
  onNeutral(permit: 'normal' | 'probe'): void {
    if (permit === 'probe') this.onSuccess(permit);
  }

  private open(): void {
    this.openedAt = this.options.now();
    this.failures = 0;
    this.transition('open');
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.options.onStateChange?.(from, to);
  }
}
