/** 机构管理: the organisations, and a form to add one. */
import { App, Card, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toApiError } from '../../../ui/errors.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../../../domains/organisations/api.ts';
import { useTranslation } from 'react-i18next';
import { ConsoleTable } from '../../../ui/console/table.tsx';
import { OrganisationKindTag } from './kind-tag.tsx';
import { createOrganisation, organisationKeys, useOrganisations, type NewOrganisation } from '../../../domains/organisations/api.ts';
import { AddButton, DialogForm } from '../../../ui/console/forms.tsx';

export function OrganisationsPage() {
  const { t } = useTranslation('staff');
  const organisations = useOrganisations();
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t('organisations.title')}
      extra={
        <AddButton onClick={() => setCreating(true)} testId="organisation-create">
          {t('organisations.create')}
        </AddButton>
      }
    >
      <ConsoleTable<Organisation>
        error={organisations.error}
        errorTestId="organisations-error"
        size="large"
        rowKey="id"
        loading={organisations.isFetching}
        dataSource={organisations.data ?? []}
        pagination={false}
        locale={{ emptyText: t('organisations.empty') }}
        testIdOf={(organisation) => `organisation-row-${organisation.code}`}
        columns={[
          {
            title: t('organisations.kind'),
            dataIndex: 'kind',
            width: 160,
            render: (kind: OrganisationKind) => <OrganisationKindTag kind={kind} />,
          },
          { title: t('organisations.code'), dataIndex: 'code', width: 200, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('organisations.name'), dataIndex: 'name' },
        ]}
      />
      <CreateOrganisationModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateOrganisationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('staff');
  // Destroyed when hidden: each opening starts with an empty form.
  return (
    <Modal open={open} title={t('organisations.createTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <CreateOrganisationForm onClose={onClose} />
    </Modal>
  );
}

function CreateOrganisationForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: createOrganisation,
    onSuccess: async (organisation) => {
      void message.success(t('organisations.created', { name: organisation.name }));
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
      onClose();
    },
  });

  return (
    <DialogForm<NewOrganisation>
      name="createOrganisation"
      error={create.error ? toApiError(create.error) : null}
      errorTestId="organisation-error"
      busy={create.isPending}
      testId="organisation-submit"
      onCancel={onClose}
      onFinish={(values) => create.mutate({ kind: values.kind, code: values.code.trim(), name: values.name.trim() })}
    >
      <Form.Item label={t('organisations.kind')} name="kind" rules={[{ required: true, message: t('organisations.kindRequired') }]}>
        <Select data-testid="organisation-kind" options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))} />
      </Form.Item>
      <Form.Item label={t('organisations.code')} name="code" rules={[{ required: true, whitespace: true, message: t('organisations.codeRequired') }]}>
        <Input data-testid="organisation-code" autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('organisations.name')} name="name" rules={[{ required: true, whitespace: true, message: t('organisations.nameRequired') }]}>
        <Input data-testid="organisation-name" autoComplete="off" />
      </Form.Item>
    </DialogForm>
  );
}
