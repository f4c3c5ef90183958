/** The roles an organisation of a given kind can give, as checkboxes with their labels. */
import { Checkbox, Typography } from 'antd';
import type { OrganisationKind } from '../../../domains/organisations/api.ts';
import { useTranslation } from 'react-i18next';
import { useRoleLabel } from '../../../ui/console/roles.tsx';
import type { RoleSpec } from '../../../domains/staff-users/api.ts';

interface Props {
  specs: readonly RoleSpec[];
  organisationKind: OrganisationKind | undefined;
  value?: string[];
  onChange?: (roles: string[]) => void;
  id?: string;
  testId?: string;
}

export function RoleCheckboxes({ specs, organisationKind, value, onChange, id, testId }: Props) {
  const { t } = useTranslation('staff');
  const label = useRoleLabel();
  if (!organisationKind) return <Typography.Text type="secondary">{t('createUser.rolesChooseOrganisation')}</Typography.Text>;
  const options = specs.filter((spec) => spec.organisationKind === organisationKind).map((spec) => ({ value: spec.role, label: <span data-testid={`role-${spec.role}`}>{label(spec.role)}</span> }));
  return (
    <div id={id} role="group">
      <Checkbox.Group data-testid={testId} options={options} value={value} onChange={(roles) => onChange?.(roles.map(String))} />
    </div>
  );
}
