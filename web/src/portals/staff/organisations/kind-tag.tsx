import { Tag } from 'antd';
import type { OrganisationKind } from '../../../domains/organisations/api.ts';
import { useTranslation } from 'react-i18next';

const colors: Record<OrganisationKind, string> = { depository: 'geekblue', broker: 'green', futures: 'orange' };

export function OrganisationKindTag({ kind }: { kind: OrganisationKind }) {
  const { t } = useTranslation('staff');
  return <Tag color={colors[kind]}>{t(`orgKind.${kind}`)}</Tag>;
}
