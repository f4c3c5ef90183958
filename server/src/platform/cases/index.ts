// The review-case kernel (decision 0018): case types declared as transition tables with roles, four-eyes and guards.
export { APPLICANT, builtInActions, defineCaseType, type CaseActionOf, type CaseDataOf, type CaseStateOf, type CaseSnapshot, type CaseTransition, type CaseType, type CaseTypeSpec, type FourEyes } from './define.ts';
export { allowedActions, caseHousekeeping, isApplicantOf, refusalOf, reviews, worksOn, type CaseActor, type CaseHousekeeping, type PastStep } from './rules.ts';
export {
  findCase,
  historyOf,
  isOverdue,
  keepCase,
  listCases,
  markNoticeRead,
  noticesFor,
  openCase,
  takeAction,
  type CaseActionInput,
  type CaseDeps,
  type CaseFilters,
  type CaseHistoryRow,
  type CaseNoticeRow,
  type CaseRow,
  type OpenCaseInput,
} from './cases.ts';
export { CaseErrors } from './errors.ts';
export { caseTypes, CaseTypeRegistry } from './registry.ts';
export { cases, caseHistory, caseNotices, type CaseAttachment } from './schema.ts';
