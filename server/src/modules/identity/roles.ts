import type { OrganisationKind, PermissionDeclaration, RoleDeclaration } from '../../platform/modules.ts';

/**
 * Staff roles by kind of organisation, and what each may do. Every staff route
 * names one permission. Identity declares its own roles and permissions below;
 * each module declares its own in its definition, and the table is installed from
 * the composed module list (server/src/modules/index.ts).
 */
export type { OrganisationKind };
/**
 * The permission names staff routes may check: identity's below; every other module
 * adds its own in its face (`declare module '../identity/index.ts' { interface
 * PermissionNames { … } }`), since identity cannot import the modules after it.
 * `authorise` also refuses at run time a name no module in the list declares.
 */
export interface PermissionNames {
  'staff.manage': true;
  'audit.read': true;
  'jobs.read': true;
  'verification.counter': true;
  'exchange.order_reports': true;
}
export type Permission = keyof PermissionNames & string;

export const organisationKinds: OrganisationKind[] = ['depository', 'broker', 'futures'];

export const identityRoles = [
  // depository
  { name: 'administrator', organisationKind: 'depository' },
  { name: 'reviewer', organisationKind: 'depository' },
  { name: 'hall_clerk', organisationKind: 'depository' },
  { name: 'meeting_officer', organisationKind: 'depository' },
  { name: 'service_agent', organisationKind: 'depository' },
  { name: 'auditor', organisationKind: 'depository' },
  // broker
  { name: 'witness', organisationKind: 'broker' },
  { name: 'broker_reviewer', organisationKind: 'broker' },
  { name: 'callback_clerk', organisationKind: 'broker' },
  { name: 'counter_clerk', organisationKind: 'broker' },
  // futures company
  { name: 'video_agent', organisationKind: 'futures' },
  { name: 'counter_reviewer', organisationKind: 'futures' },
] as const satisfies readonly RoleDeclaration[];

export const identityPermissions = [
  { name: 'staff.manage', grantedTo: ['administrator'] },
  { name: 'audit.read', grantedTo: ['administrator', 'auditor'] },
  { name: 'jobs.read', grantedTo: ['administrator', 'reviewer', 'meeting_officer', 'auditor'] },
  { name: 'verification.counter', grantedTo: ['counter_clerk'] },
  { name: 'exchange.order_reports', grantedTo: ['administrator'] },
] as const satisfies readonly (PermissionDeclaration & { name: Permission })[];

interface RoleSpec {
  organisationKind: OrganisationKind;
  permissions: Permission[];
}

const table = new Map<string, RoleSpec>();
const declaredPermissions = new Set<string>();

/** Installs the roles and permissions of every module in the list; called when the list is composed. */
export function installRoles(roles: readonly RoleDeclaration[], permissions: readonly PermissionDeclaration[]): void {
  table.clear();
  declaredPermissions.clear();
  for (const role of roles) table.set(role.name, { organisationKind: role.organisationKind, permissions: [] });
  for (const permission of permissions) {
    declaredPermissions.add(permission.name);
    for (const role of permission.grantedTo) table.get(role)?.permissions.push(permission.name as Permission);
  }
}

export function roleNames(): string[] {
  return [...table.keys()];
}

export function roleSpec(name: string): RoleSpec | undefined {
  return table.get(name);
}

export function isRole(name: string): boolean {
  return table.has(name);
}

export function isPermission(name: string): boolean {
  return declaredPermissions.has(name);
}

export function permissionsOf(held: readonly string[]): Permission[] {
  const out = new Set<string>();
  for (const role of held) for (const p of table.get(role)?.permissions ?? []) out.add(p);
  return [...out].sort() as Permission[];
}
