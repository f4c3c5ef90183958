import { App } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { useTranslation } from 'react-i18next';
import { useCaseAction, type CaseSummary } from '../../../domains/cases/api.ts';

/** 认领 from the queue, without opening the case. */
export function ClaimButton({ kase }: { kase: CaseSummary }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const claim = useCaseAction(kase.id);
  return (
    <Button
      size="small"
      loading={claim.isPending}
      data-testid={`case-claim-${kase.id}`}
      onClick={() => claim.mutate({ action: 'claim', version: kase.version }, { onSuccess: () => void message.success(t('cases.claimed')), onError: (error) => void message.error(toApiError(error).message) })}
    >
      {t('cases.actions.claim')}
    </Button>
  );
}
