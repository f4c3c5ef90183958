import { Button, Checkbox, Modal } from 'antd';
import { useState, type MouseEvent, type ReactElement } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AgreementText, type AgreementKey } from '../shared/agreements.tsx';

interface Props {
  id?: string;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}

/** "我已阅读并同意《网上注册须知》和《在线用户服务协议及隐私政策》": each title opens its text. */
export function AgreementsCheckbox({ id, checked, onChange }: Props) {
  const { t } = useTranslation('investor');
  const [open, setOpen] = useState<AgreementKey | null>(null);

  const link = (agreement: AgreementKey): ReactElement => (
    <a
      href={`#${agreement}`}
      data-testid={`open-agreement-${agreement}`}
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        event.stopPropagation();
        setOpen(agreement);
      }}
    />
  );

  return (
    <>
      <Checkbox id={id} checked={checked} onChange={(event) => onChange?.(event.target.checked)} data-testid="register-agreements">
        <Trans t={t} i18nKey="register.agree" components={{ notice: link('notice'), service: link('service') }} />
      </Checkbox>
      <Modal
        open={open !== null}
        title={open ? t(`agreements.${open}.title`) : null}
        onCancel={() => setOpen(null)}
        width={720}
        footer={
          <Button type="primary" onClick={() => setOpen(null)} data-testid="close-agreement">
            {t('agreements.close')}
          </Button>
        }
      >
        {open ? <AgreementText agreement={open} className="ih-agreement" /> : null}
      </Modal>
    </>
  );
}
