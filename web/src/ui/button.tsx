/**
 * antd's Button, with a busy spinner that goes when the work ends. antd's own loading icon
 * leaves through a CSS motion; toggled on and off quickly (a fast answer), that motion can
 * stall and leave the spinner on screen, and "loading" in the button's accessible name, after
 * the work is done. A fixed icon has no motion. Every antd Button in the web app comes from here.
 */
import { LoadingOutlined } from '@ant-design/icons';
// eslint-disable-next-line no-restricted-imports -- the one place the antd Button is wrapped
import { Button as AntButton } from 'antd';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

export type ButtonProps = ComponentProps<typeof AntButton>;

export function Button({ loading, ...props }: ButtonProps) {
  const { t } = useTranslation('common');
  if (!loading) return <AntButton {...props} />;
  return <AntButton {...props} loading={{ icon: <LoadingOutlined aria-label={t('busy')} /> }} aria-busy />;
}
