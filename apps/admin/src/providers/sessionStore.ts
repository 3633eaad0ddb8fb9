export type Role = 'admin' | 'supervisor' | 'viewer' | 'operator' | 'host';

export interface Principal {
  tenantId: string;
  userId: string;
  userName: string | null;
  roles: Role[];
  locale: 'cs' | 'en';
}

export interface PanelSession {
  sessionToken: string;
  expiresAt: string;
  principal: Principal;
}

/** The subset of the Web Storage API the session needs (sessionStorage in the browser). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'sb.panelSession';

/**
 * The panel session lives in sessionStorage: it works inside the host's iframe without third-party
 * cookies, and it ends with the tab, as a session the host opened should.
 */
export class SessionStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly now: () => number = Date.now,
  ) {}

  get(): PanelSession | undefined {
    const raw = this.storage.getItem(KEY);
    if (raw === null) return undefined;
    try {
      const session = JSON.parse(raw) as PanelSession;
      if (typeof session.sessionToken !== 'string') return undefined;
      const expires = Date.parse(session.expiresAt);
      if (!Number.isNaN(expires) && expires <= this.now()) {
        this.clear();
        return undefined;
      }
      return session;
    } catch {
      return undefined;
    }
  }

  token(): string | undefined {
    return this.get()?.sessionToken;
  }

  set(session: PanelSession): void {
    this.storage.setItem(KEY, JSON.stringify(session));
  }

  setPrincipal(principal: Principal): void {
    const current = this.get();
    if (current) this.set({ ...current, principal });
  }

  clear(): void {
    this.storage.removeItem(KEY);
  }
}

/** A storage that forgets on reload; for tests and for browsers that refuse sessionStorage. */
export function memoryStorage(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
