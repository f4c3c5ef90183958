import { FileProtectOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { Button } from '../../../../ui/button.tsx';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { certificatePath, type AccountFilter, type CertificateKind } from '../../../../domains/queries/api.ts';

/** 获取电子凭证 of the query on screen: the certificate page with the same parameters. Before a query, a hint says why it is unavailable. */
export function CertificateButton({ kind, filter, dates }: { kind: CertificateKind; filter: AccountFilter | null; dates: { date: string } | { from: string; to: string } | null }) {
  const { t } = useTranslation('queries');
  const navigate = useNavigate();
  const waiting = !filter || !dates;
  return (
    <Space>
      {waiting ? (
        <Typography.Text type="secondary" id={`certificate-hint-${kind}`} data-testid="certificate-hint">
          {t('actions.certificateHint')}
        </Typography.Text>
      ) : null}
      <Button
        icon={<FileProtectOutlined />}
        disabled={waiting}
        aria-describedby={waiting ? `certificate-hint-${kind}` : undefined}
        onClick={() => filter && dates && navigate(certificatePath('desktop', kind, filter, dates))}
        data-testid="get-certificate"
      >
        {t('actions.certificate')}
      </Button>
    </Space>
  );
}
