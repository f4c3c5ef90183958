/** One case: what was applied for, its history, and the actions the case type's table allows this user now. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Card, Checkbox, Descriptions, Empty, Form, Input, List, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useState } from 'react';
import { ErrorAlert } from '../../../ui/desktop/error-alert.tsx';
import { toApiError } from '../../../ui/errors.ts';
import { formatDateTime } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { useCase, useCaseAction, type CaseDetail } from '../../../domains/cases/api.ts';
import { useCaseLabels } from './labels.ts';
import { caseDetailPanel } from './panels.ts';

/** Actions that ask for words first: a send-back names the fields, a rejection gives its reason. */
const NEEDS_FORM = new Set(['send_back', 'reject', 'comment']);
const STAFF_ACTIONS_PRIMARY = new Set(['approve']);

export function CaseDetailPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation('staff');
  const detail = useCase(id);
  return (
    <Card
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('cases.back')} data-testid="case-back" />
          {detail.data?.case.subjectLabel ?? t('cases.detailTitle')}
        </Space>
      }
    >
      <ErrorAlert error={detail.error ? toApiError(detail.error) : null} testId="case-error" />
      {detail.isPending ? <Spin /> : detail.data && <CaseView detail={detail.data} />}
    </Card>
  );
}

function CaseView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('staff');
  const labels = useCaseLabels();
  const kase = detail.case;
  const Panel = caseDetailPanel(kase.type);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={2} data-testid="case-summary">
        <Descriptions.Item label={t('cases.type')}>{labels.type(kase.type)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.state')}>
          <Tag data-testid="case-state">{labels.state(kase.state)}</Tag>
          {kase.overdue && <Tag color="error">{t('cases.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.createdAt')}>{formatDateTime(kase.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.dueAt')}>{formatDateTime(kase.dueAt) || t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.assignee')}>{kase.assignedToMe ? t('cases.assignedToMe') : kase.assigneeId ? t('cases.assignedToOther') : t('cases.unassigned')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.reopenedFields')}>
          {kase.reopenedFields.length ? kase.reopenedFields.map((field) => <Tag key={field}>{labels.field(kase.type, field)}</Tag>) : t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      <CaseActions detail={detail} />
      <Card type="inner" title={t('cases.application')}>
        {/* A case type's panel is registered once at module level: the same component on every render. */}
        {/* eslint-disable-next-line react-hooks/static-components */}
        {Panel ? <Panel detail={detail} /> : <CaseData detail={detail} />}
      </Card>
      <Card type="inner" title={t('cases.history')}>
        <Timeline
          data-testid="case-history"
          items={detail.history.map((entry) => ({
            children: (
              <div>
                <Typography.Text strong>{labels.action(entry.action)}</Typography.Text>
                {entry.toState && entry.fromState !== entry.toState && <Typography.Text type="secondary">{` → ${labels.state(entry.toState)}`}</Typography.Text>}
                <div>
                  <Typography.Text type="secondary">{`${formatDateTime(entry.at)} · ${t(`cases.actorKinds.${entry.actorKind}`, { defaultValue: entry.actorKind })}`}</Typography.Text>
                </div>
                {entry.fields?.length ? (
                  <div>
                    {entry.fields.map((field) => (
                      <Tag key={field}>{labels.field(kase.type, field)}</Tag>
                    ))}
                  </div>
                ) : null}
                {entry.comment && <Typography.Paragraph style={{ marginBottom: 0 }}>{entry.comment}</Typography.Paragraph>}
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

/** The default panel: the applicant's data field by field, and the attached files. */
function CaseData({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('staff');
  const labels = useCaseLabels();
  const kase = detail.case;
  const entries = Object.entries(kase.data);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {entries.length === 0 ? (
        <Empty description={t('cases.noData')} />
      ) : (
        <Descriptions size="small" column={1} bordered>
          {entries.map(([field, value]) => (
            <Descriptions.Item key={field} label={labels.field(kase.type, field)}>
              {typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {kase.attachments.length > 0 && <List size="small" header={t('cases.attachments')} dataSource={kase.attachments} renderItem={(file) => <List.Item key={file.fileKey}>{file.filename}</List.Item>} />}
    </Space>
  );
}

function CaseActions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('staff');
  const labels = useCaseLabels();
  const { message } = App.useApp();
  const mutation = useCaseAction(detail.case.id);
  const [asking, setAsking] = useState<string | null>(null);
  if (detail.actions.length === 0) return <Typography.Text type="secondary">{t('cases.noActions')}</Typography.Text>;

  const take = (action: string, extra: { comment?: string; fields?: string[] } = {}) =>
    mutation.mutate(
      { action, version: detail.case.version, ...extra },
      {
        onSuccess: () => {
          setAsking(null);
          void message.success(t('cases.done', { action: labels.action(action) }));
        },
      },
    );

  return (
    <div>
      <ErrorAlert error={mutation.error && !asking ? toApiError(mutation.error) : null} testId="case-action-error" />
      <Space wrap data-testid="case-actions">
        {detail.actions.map((action) => (
          <Button
            key={action}
            type={STAFF_ACTIONS_PRIMARY.has(action) ? 'primary' : 'default'}
            danger={action === 'reject'}
            loading={mutation.isPending && mutation.variables?.action === action}
            data-testid={`case-action-${action}`}
            onClick={() => (NEEDS_FORM.has(action) ? setAsking(action) : take(action))}
          >
            {labels.action(action)}
          </Button>
        ))}
      </Space>
      {asking && (
        <ActionForm
          action={asking}
          detail={detail}
          busy={mutation.isPending}
          error={mutation.error ? toApiError(mutation.error) : null}
          onCancel={() => {
            mutation.reset();
            setAsking(null);
          }}
          onSubmit={(values) => take(asking, values)}
        />
      )}
    </div>
  );
}

interface ActionValues {
  comment?: string;
  fields?: string[];
}

function ActionForm(props: { action: string; detail: CaseDetail; busy: boolean; error: ReturnType<typeof toApiError> | null; onCancel: () => void; onSubmit: (values: ActionValues) => void }) {
  const { t } = useTranslation('staff');
  const labels = useCaseLabels();
  const [form] = Form.useForm<ActionValues>();
  const { action, detail } = props;
  const commentRequired = action === 'reject' || action === 'comment';
  return (
    <Modal
      open
      title={labels.action(action)}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={props.busy}
      onCancel={props.onCancel}
      onOk={() => void form.validateFields().then(props.onSubmit)}
      destroyOnHidden
    >
      <ErrorAlert error={props.error} testId="case-action-form-error" />
      <Form form={form} layout="vertical" name={`case-${action}`}>
        {action === 'send_back' && (
          <Form.Item name="fields" label={t('cases.fieldsToCorrect')} rules={[{ required: true, message: t('cases.fieldsRequired') }]}>
            <Checkbox.Group options={detail.fields.map((field) => ({ value: field, label: labels.field(detail.case.type, field) }))} data-testid="case-send-back-fields" />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={t(action === 'reject' ? 'cases.reason' : 'cases.comment')}
          rules={commentRequired ? [{ required: true, whitespace: true, message: t(action === 'reject' ? 'cases.reasonRequired' : 'cases.commentRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="case-action-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
