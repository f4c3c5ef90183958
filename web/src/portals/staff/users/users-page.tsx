/** 用户管理: staff users of every organisation, with the administrator's actions on them. */
import { App, Card, Form, Input, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Button } from '../../../ui/button.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toApiError } from '../../../ui/errors.ts';
import { formatDateTime } from '../../../ui/console/format.ts';
import { useTranslation } from 'react-i18next';
import { RoleTags } from '../../../ui/console/roles.tsx';
import { AddButton, SearchButtons } from '../../../ui/console/forms.tsx';
import { ConsoleTable } from '../../../ui/console/table.tsx';
import { useOrganisations } from '../../../domains/organisations/api.ts';
import { isLocked, resetStaffUserTotp, setStaffUserStatus, unlockStaffUser, useRoleSpecs, useStaffUsers, userKeys, type StaffUser, type StaffUserStatus, type UserFilter } from '../../../domains/staff-users/api.ts';
import { CreateUserDrawer } from './create-user-drawer.tsx';
import { EditRolesModal } from './edit-roles-modal.tsx';
import { TotpEnrolmentModal, type ShownEnrolment } from './totp-enrolment-modal.tsx';

export function UsersPage() {
  const { t } = useTranslation('staff');
  const [filter, setFilter] = useState<UserFilter>({});
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const [enrolment, setEnrolment] = useState<ShownEnrolment | null>(null);
  const users = useStaffUsers(filter);
  const organisations = useOrganisations();
  const roleSpecs = useRoleSpecs();
  const actions = useUserActions(setEnrolment);
  const loadError = users.error ?? organisations.error ?? roleSpecs.error;

  return (
    <Card
      title={t('users.title')}
      extra={
        <AddButton onClick={() => setCreating(true)} testId="user-create">
          {t('users.create')}
        </AddButton>
      }
    >
      <Form<UserFilter>
        name="userFilter"
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(values) => setFilter({ organisationId: values.organisationId || undefined, q: values.q?.trim() || undefined })}
        onReset={() => setFilter({})}
      >
        <Form.Item label={t('users.filterOrganisation')} name="organisationId">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('users.allOrganisations')}
            style={{ width: 260 }}
            data-testid="users-filter-organisation"
            options={(organisations.data ?? []).map((organisation) => ({
              value: organisation.id,
              label: t('common.nameWithCode', { name: organisation.name, code: organisation.code }),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('users.filterSearch')} name="q">
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 220 }} data-testid="users-filter-q" />
        </Form.Item>
        <SearchButtons testId="users-filter-submit" />
      </Form>
      <ConsoleTable<StaffUser>
        error={loadError}
        errorTestId="users-error"
        size="large"
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data ?? []}
        locale={{ emptyText: t('users.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        testIdOf={(user) => `user-row-${user.username}`}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130, render: (username: string) => <Typography.Text strong>{username}</Typography.Text> },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
          {
            title: t('users.organisation'),
            key: 'organisation',
            ellipsis: { showTitle: false },
            render: (_, user) => (
              <Tooltip title={t('common.nameWithCode', { name: user.organisation.name, code: user.organisation.code })} placement="topLeft">
                <span>{user.organisation.name}</span>
              </Tooltip>
            ),
          },
          { title: t('users.roles'), key: 'roles', width: 130, render: (_, user) => <RoleTags roles={user.roles} /> },
          {
            title: t('users.status'),
            key: 'status',
            width: 110,
            render: (_, user) => (
              <Space size={[0, 4]} wrap>
                {user.status === 'active' ? <Tag color="success">{t('users.statusActive')}</Tag> : <Tag color="default">{t('users.statusDisabled')}</Tag>}
                {isLocked(user) && <Tag color="error">{t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}</Tag>}
              </Space>
            ),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', width: 110, render: (at: string) => formatDateTime(at) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 180,
            render: (_, user) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(user)} data-testid="user-edit-roles">
                  {t('users.editRoles')}
                </Button>
                {user.status === 'active' ? (
                  <Popconfirm
                    title={t('users.confirmDisable', { name: user.displayName })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => actions.setStatus.mutateAsync({ user, status: 'disabled' }).catch(ignore)}
                  >
                    <Button type="link" size="small" danger data-testid="user-disable">
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm
                    title={t('users.confirmEnable', { name: user.displayName })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => actions.setStatus.mutateAsync({ user, status: 'active' }).catch(ignore)}
                  >
                    <Button type="link" size="small" data-testid="user-enable">
                      {t('users.enable')}
                    </Button>
                  </Popconfirm>
                )}
                {isLocked(user) && (
                  <Button type="link" size="small" onClick={() => actions.unlock.mutate(user)} data-testid="user-unlock">
                    {t('users.unlock')}
                  </Button>
                )}
                <Popconfirm
                  title={t('users.confirmResetTotp', { name: user.displayName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => actions.resetTotp.mutateAsync(user).catch(ignore)}
                >
                  <Button type="link" size="small" data-testid="user-reset-totp">
                    {t('users.resetTotp')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <CreateUserDrawer
        open={creating}
        organisations={organisations.data ?? []}
        roleSpecs={roleSpecs.data ?? []}
        defaultOrganisationId={filter.organisationId}
        onClose={() => setCreating(false)}
        onCreated={(user, totp) => {
          setCreating(false);
          setEnrolment({ reason: 'created', user, totp });
        }}
      />
      <EditRolesModal user={editing} roleSpecs={roleSpecs.data ?? []} onClose={() => setEditing(null)} />
      <TotpEnrolmentModal enrolment={enrolment} onClose={() => setEnrolment(null)} />
    </Card>
  );
}

/** For Popconfirm, which waits on the promise: the error is already shown by the mutation. */
const ignore = () => undefined;

/** Status, unlock and authenticator reset: one request each, the outcome as a message. */
function useUserActions(showEnrolment: (enrolment: ShownEnrolment) => void) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });
  const showError = (error: unknown) => void message.error(toApiError(error).message);

  const setStatus = useMutation({
    mutationFn: ({ user, status }: { user: StaffUser; status: StaffUserStatus }) => setStaffUserStatus(user.id, status),
    onSuccess: (user) => {
      void message.success(t(user.status === 'active' ? 'users.enabled' : 'users.disabled', { name: user.displayName }));
      return refresh();
    },
    onError: showError,
  });
  const unlock = useMutation({
    mutationFn: (user: StaffUser) => unlockStaffUser(user.id),
    onSuccess: (user) => {
      void message.success(t('users.unlocked', { name: user.displayName }));
      return refresh();
    },
    onError: showError,
  });
  const resetTotp = useMutation({
    mutationFn: (user: StaffUser) => resetStaffUserTotp(user.id).then(({ totp }) => ({ user, totp })),
    onSuccess: ({ user, totp }) => {
      showEnrolment({ reason: 'reset', user, totp });
      return refresh();
    },
    onError: showError,
  });
  return { setStatus, unlock, resetTotp };
}
