import { composeModules } from '../platform/modules.ts';
import { identityModule } from './identity/index.ts';
import { registryModule } from './registry/index.ts';
import { investorModule } from './investor/index.ts';
import { casesModule } from './cases/index.ts';
import { queueModule } from './queue/index.ts';
import { appointmentsModule } from './appointments/index.ts';

/**
 * Every module of the server, in dependency order: a module may use the faces of
 * those above it, never of those below (a later module fills an earlier one's
 * ports instead). Adding a subsystem = its folder + one line here
 * (docs/decisions/0019-module-contract.md).
 */
export const modules = [identityModule, registryModule, investorModule, casesModule, queueModule, appointmentsModule] as const;

/** The app, the context's jobs, the CLI, the roles and the Drizzle schema, built from the list. */
export const composition = composeModules(modules);
