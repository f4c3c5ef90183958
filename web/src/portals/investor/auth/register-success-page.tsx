import { useQueryClient } from '@tanstack/react-query';
import { Card, Result } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { enterHall } from '../../../domains/session/enter-hall.ts';
import { useDocumentTitle } from '../../../ui/portal.tsx';

/** 注册成功: the new user is already signed in; “直接登录” enters the hall (manual 000 §一.1.2.1). */
export function RegisterSuccessPage() {
  const { t } = useTranslation('investor');
  useDocumentTitle(t('registerSuccess.title'));
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const enter = async () => {
    await enterHall(queryClient, location.state);
    navigate('/', { replace: true });
  };

  return (
    <Card data-testid="register-success">
      <Result
        status="success"
        title={t('registerSuccess.title')}
        subTitle={t('registerSuccess.subtitle')}
        extra={
          <Button type="primary" size="large" onClick={() => void enter()} data-testid="enter-hall">
            {t('registerSuccess.enter')}
          </Button>
        }
      />
    </Card>
  );
}
