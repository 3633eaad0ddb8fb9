import type { StateStore } from './state-store.js';
import type { Operator } from './operator.model.js';

const OPERATOR_NAMES: [string, string][] = [
  ['Jana', 'Nováková'],
  ['Petr', 'Svoboda'],
  ['Lucie', 'Dvořáková'],
  ['Tomáš', 'Černý'],
  ['Eva', 'Procházková'],
  ['Martin', 'Kučera'],
  ['Kateřina', 'Veselá'],
  ['Jakub', 'Horák'],
  ['Tereza', 'Němcová'],
  ['Ondřej', 'Marek'],
];

export interface SeededTenant {
  tenantId: number;
  clientId: string;
  clientSecret: string;
}

const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();

/**
 * A demo tenant: three packages routing to three groups, ten operators (six online, one away with
 * a reason, three offline), caller IDs, absence reasons, tags, entitlements and an API client.
 * Deterministic apart from timestamps, so scenario runs from a fresh seed repeat exactly.
 */
export function seedDemoTenant(store: StateStore, name = 'Demo s.r.o.'): SeededTenant {
  const s = store.state;
  const now = new Date().toISOString();
  const tenantId = store.nextId('tenant') + 100;
  s.tenants.push({
    id: tenantId,
    companyId: 1,
    name,
    timeZone: 'Europe/Prague',
    locale: 'cs',
    entitlements: ['phone.callerIdSelection', 'av'],
    createdAt: now,
  });

  const reasons = [
    ['Oběd', false],
    ['Porada', true],
    ['Školení', true],
    ['Osobní pauza', false],
  ] as const;
  const reasonIds = reasons.map(([reasonName, isPaid]) => {
    const id = store.nextId('absenceReason');
    s.absenceReasons.push({ id, tenantId, name: reasonName, isPaid });
    return id;
  });

  const operators: Operator[] = OPERATOR_NAMES.map(([firstName, lastName], index) => {
    const id = store.nextId('user') + 1000;
    const online = index < 6;
    const away = index === 6;
    const username = `${ascii(firstName)}.${ascii(lastName)}`;
    return {
      id,
      tenantIds: [tenantId],
      firstName,
      lastName,
      username,
      email: `${username}@demo.example`,
      enabled: true,
      status: online ? 'ONLINE' : away ? 'AWAY' : 'OFFLINE',
      availabilityStatus: away ? 'AWAY' : 'DEFAULT',
      availabilityStatusReason: away ? reasons[0][0] : null,
      stateKind: online ? 'ONLINE' : away ? 'BREAK' : 'OFFLINE',
      absenceReasonId: away ? (reasonIds[0] ?? null) : null,
      stateChanged: now,
    };
  });
  s.operators.push(...operators);
  const ids = operators.map((o) => o.id);

  const groupSpecs = [
    ['Podpora', ids.slice(0, 4)],
    ['Obchod', ids.slice(4, 7)],
    ['Technici', ids.slice(7, 10)],
  ] as const;
  const groupIds = groupSpecs.map(([groupName, userIds]) => {
    const id = store.nextId('group');
    s.groups.push({
      id,
      tenantId,
      name: groupName,
      type: 'NORMAL',
      userIds: [...userIds],
      created: now,
    });
    return id;
  });
  const [support = 0, sales = 0, technicians = 0] = groupIds;

  const packageSpecs: [string, number[], number[]][] = [
    ['Web chat', [support, sales], []],
    ['Zpětné volání', [sales], []],
    ['Video poradna', [technicians], [ids[0] ?? 0]],
  ];
  for (const [packageName, routedGroups, routedUsers] of packageSpecs) {
    s.packages.push({
      id: store.nextId('package'),
      tenantId,
      name: packageName,
      groupIds: routedGroups,
      userIds: routedUsers,
      statusOverride: null,
      buttonVisible: true,
    });
  }

  s.callerIds.push(
    { tenantId, callerId: '+420228880000', isDefault: true },
    { tenantId, callerId: '+420228880001', isDefault: false },
    { tenantId, callerId: '+420773000111', isDefault: false },
  );
  for (const [tagName, label] of [
    ['legal-hold', 'Právní blokace'],
    ['vip', 'VIP'],
    ['complaint', 'Reklamace'],
  ]) {
    s.tags.push({ id: store.nextId('tag'), tenantId, name: tagName ?? '', label: label ?? '' });
  }

  const first = !s.oauthClients.some((c) => c.clientId === 'demo-client');
  const clientId = first ? 'demo-client' : `demo-client-${tenantId}`;
  const clientSecret = first ? 'demo-secret' : `demo-secret-${tenantId}`;
  s.oauthClients.push({ clientId, clientSecret, tenantId, createdAt: now, revoked: false });
  store.changed();
  return { tenantId, clientId, clientSecret };
}
