import { Checkbox, Modal } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { Trans, useTranslation } from 'react-i18next';
import { AgreementText, useAgreementLinks, type AgreementsCheckboxProps } from '../../../domains/auth/agreements.tsx';

/** "我已阅读并同意《网上注册须知》和《在线用户服务协议及隐私政策》": each title opens its text. */
export function AgreementsCheckbox({ id, checked, onChange }: AgreementsCheckboxProps) {
  const { t } = useTranslation('investor');
  const { open, close, components } = useAgreementLinks();
  // “我已阅读” closes the text and ticks the box; closing it otherwise leaves the box as it was.
  const acknowledge = () => {
    close();
    onChange?.(true);
  };

  return (
    <>
      <Checkbox id={id} checked={checked} onChange={(event) => onChange?.(event.target.checked)} data-testid="register-agreements">
        <Trans t={t} i18nKey="register.agree" components={components} />
      </Checkbox>
      <Modal
        open={open !== null}
        title={open ? t(`agreements.${open}.title`) : null}
        onCancel={() => close()}
        width={720}
        footer={
          <Button type="primary" onClick={acknowledge} data-testid="close-agreement">
            {t('agreements.close')}
          </Button>
        }
      >
        {open ? <AgreementText agreement={open} className="ih-agreement" /> : null}
      </Modal>
    </>
  );
}
