import { useMutation } from '@tanstack/react-query';
import { Dialog, Form } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../../ui/errors.ts';
import { ErrorNotice } from '../../../ui/mobile/error-notice.tsx';
import { MobileForm } from '../../../ui/mobile/mobile-form.tsx';
import { completeRecovery, deregisterFromRecovery, useCompleteRecovery, type CompleteStep } from '../../../domains/recovery/api.ts';
import { NOTICE_KEYS } from '../../../domains/profile/deregistration-notice.ts';
import { MobileNewPasswordFields } from '../shared/new-password-fields.tsx';

/** The last steps both mobile recoveries (by phone and by identity) end with: 申请注销 and the new password. */

/** 申请注销说明页: 提交注销申请 → the notice → 确认并申请 (mobile manual §二.5.1). */
export function ApplyDeregistration({ flowToken, verificationId, onDone, apply: applyFor }: { flowToken: string; verificationId?: string; onDone: () => void; apply?: () => Promise<void> }) {
  const { t } = useTranslation('profile');
  const [open, setOpen] = useState(false);
  const application = useMutation({ mutationFn: () => (applyFor ? applyFor() : deregisterFromRecovery(flowToken, verificationId!)), onSuccess: () => onDone() });
  const apply = () => {
    setOpen(false);
    application.mutate();
  };

  return (
    <div className="ch-m-inset">
      <ErrorNotice error={application.error ? toApiError(application.error) : null} />
      <h3>{t('deregister.intro')}</h3>
      {NOTICE_KEYS.map((key) => (
        <p key={key} className="ch-m-hint">
          {t(`deregister.${key}`)}
        </p>
      ))}
      <Button block color="danger" size="large" loading={application.isPending} onClick={() => setOpen(true)} data-testid="recovery-apply-submit">
        {t('deregister.submit')}
      </Button>
      <Dialog
        visible={open}
        title={t('deregister.dialogTitle')}
        content={t('deregister.dialogText')}
        onClose={() => setOpen(false)}
        actions={[
          [
            { key: 'cancel', text: t('deregister.cancel'), onClick: () => setOpen(false) },
            { key: 'apply', text: t('recover.confirmApply'), bold: true, danger: true, onClick: apply },
          ],
        ]}
      />
    </div>
  );
}

export function PasswordStep({ flowToken, verificationId, onDone, complete = completeRecovery }: { flowToken: string; verificationId: string; onDone: () => void; complete?: CompleteStep }) {
  const { t } = useTranslation('profile');
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const completion = useCompleteRecovery(form, onDone, complete);

  return (
    <>
      <ErrorNotice error={completion.formError} />
      <MobileForm
        form={form}
        name="mrecovery-password"
        onFinish={({ newPassword }: { newPassword: string }) => completion.mutate({ flowToken, verificationId, newPassword })}
        submitLabel={t('recover.next')}
        submitTestId="recovery-finish"
        busy={completion.isPending}
      >
        <MobileNewPasswordFields form="recovery" />
      </MobileForm>
    </>
  );
}
