/**
 * Each subsystem plugs its own detail panel into the generic case page by case
 * type: `registerCaseDetailPanel('issuer.registration', IssuerRegistrationPanel)`.
 * A type without a panel shows its data as a plain list of fields.
 */
import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../domains/cases/api.ts';

export interface CaseDetailPanelProps {
  detail: CaseDetail;
}

const panels = new Map<string, ComponentType<CaseDetailPanelProps>>();

export function registerCaseDetailPanel(caseType: string, panel: ComponentType<CaseDetailPanelProps>): void {
  panels.set(caseType, panel);
}

export function caseDetailPanel(caseType: string): ComponentType<CaseDetailPanelProps> | undefined {
  return panels.get(caseType);
}
