import { Checkbox, Popup } from 'antd-mobile';
import { Button } from '../../../ui/mobile/button.tsx';
import { Trans, useTranslation } from 'react-i18next';
import { AgreementText, useAgreementLinks, type AgreementsCheckboxProps } from '../../../domains/auth/agreements.tsx';

/** The agreements line; each title opens its text in a bottom popup. */
export function MobileAgreementsCheckbox({ id, checked, onChange }: AgreementsCheckboxProps) {
  const { t } = useTranslation('investor');
  const { open, close, components } = useAgreementLinks();
  // “我已阅读” closes the text and ticks the box; closing it otherwise leaves the box as it was.
  const acknowledge = () => {
    close();
    onChange?.(true);
  };

  return (
    <>
      <Checkbox id={id} checked={checked} onChange={onChange} data-testid="register-agreements" style={{ '--icon-size': '18px', '--font-size': '14px', '--gap': '6px' }}>
        <Trans t={t} i18nKey="register.agree" components={components} />
      </Checkbox>
      <Popup visible={open !== null} onMaskClick={() => close()} bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', display: 'flex', flexDirection: 'column' }}>
        {open ? (
          <div role="dialog" aria-label={t(`agreements.${open}.title`)} style={{ display: 'flex', flexDirection: 'column', minHeight: 0, padding: '16px 16px 12px' }}>
            <h2 style={{ fontSize: 17, margin: '0 0 8px', textAlign: 'center' }}>{t(`agreements.${open}.title`)}</h2>
            <div style={{ overflowY: 'auto', flex: 1, minHeight: 0 }}>
              <AgreementText agreement={open} className="ch-m-agreement" />
            </div>
            <Button block color="primary" onClick={acknowledge} data-testid="close-agreement" style={{ marginTop: 12 }}>
              {t('agreements.close')}
            </Button>
          </div>
        ) : null}
      </Popup>
    </>
  );
}
