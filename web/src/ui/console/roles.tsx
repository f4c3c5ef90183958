import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The translated label of a role id; the id itself for a role this build does not know. */
export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation('staff');
  return (role) => t(`roles.${role}`, { defaultValue: role });
}

export function RoleTags({ roles, testId }: { roles: readonly string[]; testId?: string }) {
  const { t } = useTranslation('staff');
  const label = useRoleLabel();
  if (roles.length === 0) return <Typography.Text type="secondary">{t('layout.noRoles')}</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap data-testid={testId}>
      {roles.map((role) => (
        <Tag key={role} color="blue" data-role={role}>
          {label(role)}
        </Tag>
      ))}
    </Space>
  );
}
