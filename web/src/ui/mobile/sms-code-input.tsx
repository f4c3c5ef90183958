import { Input } from 'antd-mobile';
import { Button } from './button.tsx';
import { useTranslation } from 'react-i18next';
import { useSmsCode, type SmsCodeInputProps } from '../hooks/use-sms-code.ts';

/** The SMS code field with "获取验证码" and its countdown. For antd-mobile Form.Item. */
export function MobileSmsCodeInput({ channel = 'sms', id, value, onChange, send, onError }: SmsCodeInputProps) {
  const { t } = useTranslation();
  const sms = useSmsCode({ send, onError });
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Input
        id={id}
        value={value}
        onChange={onChange}
        placeholder={t(channel === 'email' ? 'sms.emailPlaceholder' : 'sms.placeholder')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        data-testid="sms-code-input"
        style={{ flex: 1 }}
      />
      <Button size="small" color="primary" fill="outline" onClick={() => void sms.trigger()} loading={sms.sending} disabled={sms.disabled} data-testid="sms-code-send">
        {sms.label}
      </Button>
    </div>
  );
}
