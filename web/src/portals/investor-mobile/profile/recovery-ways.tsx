import { Tabs } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

export type MobileRecoveryWay = 'phone' | 'identity';

/** 通过注册手机号找回 / 通过身份信息找回: the two ways of the mobile hall's 找回密码 page (manual 000 §二.3.1, §二.3.2 (1)). */
export function RecoveryWayTabs({ active, onChange }: { active: MobileRecoveryWay; onChange: (way: MobileRecoveryWay) => void }) {
  const { t } = useTranslation('idrecovery');
  return (
    <Tabs activeKey={active} onChange={(key) => onChange(key as MobileRecoveryWay)} data-testid="recovery-ways">
      <Tabs.Tab key="phone" title={t('switchBack')} />
      <Tabs.Tab key="identity" title={t('switch')} />
    </Tabs>
  );
}
