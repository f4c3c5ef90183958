import { defineModule } from '../../platform/modules.ts';
import { addIdentityCommands } from './commands.ts';
import { seedIdentityDemo } from './demo/index.ts';
import { identityRecoveryRoutes } from './identity-recovery-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import { identityPermissions, identityRoles, installRoles } from './roles.ts';
import { investorIdentityRoutes } from './routes.ts';
import { staffRoutes } from './staff-routes.ts';
import { verificationRoutes } from './verification-routes.ts';
import * as identityTables from './schema.ts';
import * as profileTables from './profile-schema.ts';
import * as verificationTables from './verification-schema.ts';

/** Identity: investor and staff accounts, sign-in, verification, recovery, staff roles. Comes first: it imports no module. */
export const identityModule = defineModule({
  name: 'identity',
  tables: { ...identityTables, ...profileTables, ...verificationTables },
  routes: [
    { audience: 'investor', prefix: '/api/v1/', plugin: investorIdentityRoutes },
    { audience: 'investor', prefix: '/api/v1/investor/', plugin: profileRoutes },
    { audience: 'investor', prefix: '/api/v1/investor/', plugin: identityRecoveryRoutes },
    { audience: 'staff', prefix: '/api/v1/staff/', plugin: staffRoutes },
    { audience: 'partner', prefix: '/api/v1/', plugin: verificationRoutes },
  ],
  roles: identityRoles,
  permissions: identityPermissions,
  commands: addIdentityCommands,
  demo: {
    seed: async (ctx) => {
      const logins = await seedIdentityDemo(ctx);
      return logins ? { logins } : null;
    },
  },
  connect: (composed) => installRoles(composed.roles, composed.permissions),
});

export { seedIdentityDemo } from './demo/index.ts';
export type { DemoLogin } from '../../platform/modules.ts';
export { authorise } from './guards.ts';
export { findActiveByAccount, getActiveInvestor, investorPrincipal, registerInvestor } from './investors.ts';
export { throttleCheck } from './lockout.ts';
export type { Permission, PermissionNames } from './roles.ts';
export { connectIdentity, sameName, type BindingReleaseReason, type HolderRegister, type HolderSecuritiesAccount, type InvestorStandings } from './ports.ts';
export { Principal, VerificationViewSchema } from './route-schemas.ts';
export { recordVerifiedIdentity, verifiedIdentityOf, type VerifiedIdentity } from './real-name.ts';
export { limitPerAddress } from './routes.ts';
export { noticeDestination, type NotificationChannel } from './notification-settings.ts';
export { investorUsers } from './schema.ts';
export { createOrganisation, createStaffUser, currentAuthenticatorCodes, listStaffUsers, staffPrincipal } from './staff.ts';
export { totpCode } from './totp.ts';
export { consumeVerification, ownVerification, startVerification, viewOf, type VerificationView } from './verification.ts';
