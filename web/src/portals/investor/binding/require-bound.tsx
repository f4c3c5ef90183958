import { ExclamationCircleFilled } from '@ant-design/icons';
import { Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageSpin } from '../../../ui/desktop/page-spin.tsx';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useStanding } from '../../../domains/verification/api.ts';

/**
 * Query entries (我的一码通, 证券持有余额, ...) need a bound unified account: an
 * unbound investor is told so and, on “确定”, taken to 绑定一码通 (manual 000
 * §一.2.1.1, 注册用户直接绑定一码通 (1)). Wrap every query page in it.
 */
export function RequireBound({ children }: { children: ReactNode }) {
  const { t } = useTranslation('verification');
  const standing = useStanding();
  const navigate = useNavigate();
  const unbound = standing.data && !standing.data.bound;

  if (standing.isPending) return <PageSpin />;
  if (standing.isError) return <ErrorAlert error={toApiError(standing.error)} />;
  if (!unbound) return <>{children}</>;
  // Declarative, not modal.confirm in an effect: a re-render must not close and reopen the prompt under the user's click.
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      width={416}
      title={
        <Space>
          <ExclamationCircleFilled style={{ color: '#faad14' }} />
          {t('bind.notBoundTitle')}
        </Space>
      }
      okText={t('bind.ok')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ 'data-testid': 'not-bound-ok' }}
      onOk={() => navigate('/binding', { replace: true })}
      onCancel={() => navigate('/', { replace: true })}
    >
      <span data-testid="not-bound-prompt">{t('bind.notBound')}</span>
    </Modal>
  );
}
