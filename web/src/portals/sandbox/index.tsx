/**
 * The sandbox exchange's trading terminal (`/sandbox/`, demo mode): a stand-in for a broker's
 * terminal where a demo user places the marked order that 通过交易报盘身份认证 asks for. The
 * order goes to the platform through the exchange order-report intake.
 */
import { Alert, Card, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client.ts';
import { usePlaceOrder, type TerminalOrder } from '../../domains/sandbox-exchange/api.ts';
import { Button } from '../../ui/button.tsx';
import { ErrorAlert } from '../../ui/desktop/error-alert.tsx';
import { PortalIntroFrame } from '../../ui/desktop/portal-intro.tsx';

export default function SandboxTerminal() {
  const { t } = useTranslation('sandbox');
  const place = usePlaceOrder();
  const [form] = Form.useForm<TerminalOrder>();
  const required = (label: string) => [{ required: true, whitespace: true, message: t('required', { field: label }) }];
  return (
    <PortalIntroFrame name={t('portal.name')}>
      <Card className="ch-intro-card" style={{ maxWidth: 640, width: '100%' }} data-testid="sandbox-terminal">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} initialValues={{ side: 'buy' }} onFinish={(order) => place.mutate({ ...order, securitiesAccountNumber: order.securitiesAccountNumber.trim() })}>
          <Form.Item name="securitiesAccountNumber" label={t('fields.account')} rules={required(t('fields.account'))}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <Form.Item name="side" label={t('fields.side')}>
            <Radio.Group
              options={[
                { value: 'buy', label: t('sides.buy') },
                { value: 'sell', label: t('sides.sell') },
              ]}
            />
          </Form.Item>
          <Form.Item name="securityCode" label={t('fields.security')} rules={[...required(t('fields.security')), { pattern: /^\d{6}$/, message: t('invalid.security') }]}>
            <Input maxLength={6} inputMode="numeric" autoComplete="off" />
          </Form.Item>
          <Form.Item name="price" label={t('fields.price')} rules={[...required(t('fields.price')), { pattern: /^\d{1,9}(\.\d{1,3})?$/, message: t('invalid.price') }]}>
            <Input maxLength={13} inputMode="decimal" autoComplete="off" suffix={t('yuan')} />
          </Form.Item>
          <Form.Item name="quantity" label={t('fields.quantity')} rules={[...required(t('fields.quantity')), { pattern: /^[1-9]\d{0,11}$/, message: t('invalid.quantity') }]}>
            <Input maxLength={12} inputMode="numeric" autoComplete="off" suffix={t('shares')} />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Button type="primary" htmlType="submit" loading={place.isPending} data-testid="place-order">
              {t('submit')}
            </Button>
          </Form.Item>
        </Form>
        {place.data && <Alert type="success" showIcon role="status" data-testid="order-reported" message={t('reported', { id: place.data.reportId })} />}
        <ErrorAlert error={place.error as ApiError | null} testId="order-error" />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          <a href="/">{t('backToHall')}</a>
        </Typography.Paragraph>
      </Card>
    </PortalIntroFrame>
  );
}
