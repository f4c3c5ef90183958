/** 编辑角色: the roles of one user, among those of their organisation's kind. */
import { App, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '../../../ui/errors.ts';
import { useTranslation } from 'react-i18next';
import { setStaffUserRoles, userKeys, type RoleSpec, type StaffUser } from '../../../domains/staff-users/api.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { DialogForm } from '../../../ui/console/forms.tsx';

interface Props {
  user: StaffUser | null;
  roleSpecs: readonly RoleSpec[];
  onClose: () => void;
}

export function EditRolesModal({ user, roleSpecs, onClose }: Props) {
  const { t } = useTranslation('staff');
  return (
    <Modal open={user !== null} title={user ? t('editRoles.title', { name: user.displayName }) : ''} onCancel={onClose} footer={null} destroyOnHidden>
      {user && <EditRolesForm user={user} roleSpecs={roleSpecs} onClose={onClose} />}
    </Modal>
  );
}

function EditRolesForm({ user, roleSpecs, onClose }: Props & { user: StaffUser }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (roles: string[]) => setStaffUserRoles(user.id, roles),
    onSuccess: async (saved) => {
      void message.success(t('users.rolesSaved', { name: saved.displayName }));
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
  });

  return (
    <DialogForm<{ roles: string[] }>
      name="editRoles"
      error={save.error ? toApiError(save.error) : null}
      errorTestId="edit-roles-error"
      busy={save.isPending}
      testId="edit-roles-submit"
      onCancel={onClose}
      initialValues={{ roles: user.roles }}
      onFinish={({ roles }) => save.mutate(roles)}
    >
      <Form.Item label={t('editRoles.roles')} name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('editRoles.rolesRequired') }]}>
        <RoleCheckboxes specs={roleSpecs} organisationKind={user.organisation.kind} testId="edit-roles-roles" />
      </Form.Item>
    </DialogForm>
  );
}
