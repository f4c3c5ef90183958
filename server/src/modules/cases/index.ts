// The cases module's face: the HTTP side of the review-case kernel (platform/cases).
export { caseRoutes } from './routes.ts';
