/** 新建用户: organisation, user name, display name, initial password and roles of that organisation's kind. */
import { Drawer, Form, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../api/client.ts';
import { toApiError } from '../../../ui/errors.ts';
import type { Organisation } from '../../../domains/organisations/api.ts';
import { useTranslation } from 'react-i18next';
import { createStaffUser, userKeys, type NewStaffUser, type RoleSpec, type StaffUser, type TotpEnrolment } from '../../../domains/staff-users/api.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { DialogForm } from '../../../ui/console/forms.tsx';

/** Errors the server ties to one field; the rest show above the form. */
const fieldOfError: Record<string, keyof NewStaffUser> = {
  USERNAME_TAKEN: 'username',
  PASSWORD_POLICY: 'password',
  ROLE_NOT_FOR_ORGANISATION: 'roles',
};

interface Props {
  open: boolean;
  organisations: readonly Organisation[];
  roleSpecs: readonly RoleSpec[];
  defaultOrganisationId?: string;
  onClose: () => void;
  onCreated: (user: StaffUser, totp: TotpEnrolment) => void;
}

export function CreateUserDrawer({ open, onClose, ...formProps }: Props) {
  const { t } = useTranslation('staff');
  // Destroyed when hidden: each opening starts with an empty form.
  return (
    <Drawer open={open} title={t('createUser.title')} width={480} onClose={onClose} destroyOnHidden>
      <CreateUserForm {...formProps} onClose={onClose} />
    </Drawer>
  );
}

function CreateUserForm({ organisations, roleSpecs, defaultOrganisationId, onClose, onCreated }: Omit<Props, 'open'>) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewStaffUser>();
  const organisationId = Form.useWatch('organisationId', form);
  const organisationKind = organisations.find((organisation) => organisation.id === organisationId)?.kind;

  const create = useMutation({
    mutationFn: createStaffUser,
    onSuccess: async ({ user, totp }) => {
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      onCreated(user, totp);
    },
    onError: (error) => {
      const field = isApiError(error) ? fieldOfError[error.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [toApiError(error).message] }]);
    },
  });
  const formError = create.error && !(isApiError(create.error) && fieldOfError[create.error.code]) ? toApiError(create.error) : null;

  return (
    <DialogForm<NewStaffUser>
      form={form}
      name="createUser"
      error={formError}
      errorTestId="create-user-error"
      busy={create.isPending}
      testId="create-user-submit"
      submitLabel={t('createUser.submit')}
      layout="drawer"
      onCancel={onClose}
      initialValues={{ organisationId: defaultOrganisationId, roles: [] }}
      onValuesChange={(changed: Partial<NewStaffUser>) => {
        if ('organisationId' in changed) form.setFieldValue('roles', []);
      }}
      onFinish={(values) => create.mutate({ ...values, username: values.username.trim(), displayName: values.displayName.trim(), roles: values.roles ?? [] })}
    >
      <Form.Item label={t('createUser.organisation')} name="organisationId" rules={[{ required: true, message: t('createUser.organisationRequired') }]}>
        <Select
          data-testid="create-user-organisation"
          showSearch
          optionFilterProp="label"
          options={organisations.map((organisation) => ({
            value: organisation.id,
            label: t('common.nameWithCode', { name: organisation.name, code: organisation.code }),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('createUser.username')} name="username" rules={[{ required: true, whitespace: true, message: t('createUser.usernameRequired') }]}>
        <Input autoComplete="off" data-testid="create-user-username" />
      </Form.Item>
      <Form.Item label={t('createUser.displayName')} name="displayName" rules={[{ required: true, whitespace: true, message: t('createUser.displayNameRequired') }]}>
        <Input autoComplete="off" data-testid="create-user-display-name" />
      </Form.Item>
      <Form.Item label={t('createUser.password')} name="password" rules={[{ required: true, message: t('createUser.passwordRequired') }]}>
        <Input.Password autoComplete="new-password" data-testid="create-user-password" />
      </Form.Item>
      <Form.Item label={t('createUser.roles')} name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('createUser.rolesRequired') }]}>
        <RoleCheckboxes specs={roleSpecs} organisationKind={organisationKind} testId="create-user-roles" />
      </Form.Item>
    </DialogForm>
  );
}
