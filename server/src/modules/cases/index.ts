// The cases module's face: the HTTP side of the review-case kernel (platform/cases),
// and the place every module's declared case types are registered.
import { caseTypes } from '../../platform/cases/index.ts';
import { defineModule } from '../../platform/modules.ts';
import { caseRoutes } from './routes.ts';

declare module '../identity/index.ts' {
  interface PermissionNames {
    'cases.read': true;
    'cases.review': true;
  }
}

export const casesModule = defineModule({
  name: 'cases',
  tables: {},
  routes: [{ audience: 'staff', prefix: '/api/v1/', plugin: caseRoutes }],
  permissions: [
    { name: 'cases.read', grantedTo: ['reviewer'] },
    { name: 'cases.review', grantedTo: ['reviewer'] },
  ],
  connect: (composed) => {
    for (const type of composed.caseTypes) caseTypes.register(type);
  },
});

export { caseRoutes } from './routes.ts';
