export type FaultAction =
  | { kind: 'status'; status: number }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'timeout'; ms: number };

/** Matches incoming API calls: method (or any) and a path pattern (`*` = one segment, `**` = rest). */
export interface FaultRule {
  id: number;
  method: string | null;
  pathPattern: string;
  action: FaultAction;
  /** Calls still to hit; null = unlimited. */
  remaining: number | null;
  probability: number;
  hits: number;
  createdAt: string;
}

export interface DeliveryFaults {
  /** Send each matching event this many extra times. */
  duplicate: { copies: number; probability: number; remaining: number | null } | null;
  /** Hold events until this many are collected (or windowMs passed), then send them in random order. */
  shuffle: { batchSize: number; windowMs: number } | null;
  drop: { probability: number; remaining: number | null } | null;
}
