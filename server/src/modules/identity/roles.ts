/**
 * Staff roles by kind of organisation, and what each may do. Every staff route
 * names one permission; later modules add their permissions here.
 */
export type OrganisationKind = 'depository' | 'broker' | 'futures';

export const permissions = ['staff.manage', 'audit.read', 'jobs.read', 'registry.import', 'registry.read', 'verification.counter', 'exchange.order_reports', 'cases.read', 'cases.review'] as const;
export type Permission = (typeof permissions)[number];

interface RoleSpec {
  organisationKind: OrganisationKind;
  permissions: readonly Permission[];
}

export const roles = {
  // depository
  administrator: { organisationKind: 'depository', permissions: ['staff.manage', 'audit.read', 'jobs.read', 'registry.import', 'registry.read', 'exchange.order_reports'] },
  reviewer: { organisationKind: 'depository', permissions: ['jobs.read', 'registry.import', 'registry.read', 'cases.read', 'cases.review'] },
  hall_clerk: { organisationKind: 'depository', permissions: ['registry.read'] },
  meeting_officer: { organisationKind: 'depository', permissions: ['jobs.read'] },
  service_agent: { organisationKind: 'depository', permissions: [] },
  auditor: { organisationKind: 'depository', permissions: ['audit.read', 'jobs.read', 'registry.read'] },
  // broker
  witness: { organisationKind: 'broker', permissions: [] },
  broker_reviewer: { organisationKind: 'broker', permissions: [] },
  callback_clerk: { organisationKind: 'broker', permissions: [] },
  counter_clerk: { organisationKind: 'broker', permissions: ['verification.counter'] },
  // futures company
  video_agent: { organisationKind: 'futures', permissions: [] },
  counter_reviewer: { organisationKind: 'futures', permissions: [] },
} as const satisfies Record<string, RoleSpec>;

export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as Role[];
export const organisationKinds: OrganisationKind[] = ['depository', 'broker', 'futures'];

export function isRole(name: string): name is Role {
  return Object.hasOwn(roles, name);
}

export function permissionsOf(held: readonly string[]): Permission[] {
  const out = new Set<Permission>();
  for (const role of held) if (isRole(role)) for (const p of roles[role].permissions) out.add(p);
  return [...out].sort();
}
