/**
 * antd-mobile's Button, with a name while it is busy: antd-mobile replaces the label by its
 * loading dots, which leaves a nameless button for screen readers (and axe). It says 处理中
 * instead. Every antd-mobile Button in the mobile hall comes from here.
 */
// eslint-disable-next-line no-restricted-imports -- the one place the antd-mobile Button is wrapped
import { Button as MobileButton } from 'antd-mobile';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

export function Button(props: ComponentProps<typeof MobileButton>) {
  const { t } = useTranslation('common');
  return <MobileButton loadingText={t('busy')} {...props} />;
}
