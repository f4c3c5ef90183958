import { Tag } from 'antd';
import type { OrganisationKind } from '../../staff-common/api.ts';
import { useStaffT } from '../../staff-common/i18n.ts';

const colors: Record<OrganisationKind, string> = { depository: 'geekblue', broker: 'green', futures: 'orange' };

export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const { t } = useStaffT();
  return <Tag color={colors[kind]}>{t(`orgKind.${kind}`)}</Tag>;
}
