import { Input } from 'antd';
import { Button } from '../button.tsx';
import { useTranslation } from 'react-i18next';
import { useSmsCode, type SmsCodeInputProps } from '../hooks/use-sms-code.ts';

/** The SMS code field with its "获取验证码" button and countdown. Use inside a Form.Item. */
export function SmsCodeInput({ channel = 'sms', id, value, onChange, send, onError }: SmsCodeInputProps) {
  const { t } = useTranslation();
  const sms = useSmsCode({ send, onError });
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        placeholder={t(channel === 'email' ? 'sms.emailPlaceholder' : 'sms.placeholder')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        data-testid="sms-code-input"
        style={{ flex: 1 }}
      />
      <Button onClick={() => void sms.trigger()} loading={sms.sending} disabled={sms.disabled} data-testid="sms-code-send" style={{ minWidth: 132 }}>
        {sms.label}
      </Button>
    </div>
  );
}
