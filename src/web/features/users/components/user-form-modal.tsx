import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ASSIGNABLE_ROLES, type Role, type Unit, type User, type Village } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useCreateUser, useUpdateUser } from '../api';

type AssignableRole = Exclude<Role, 'county_admin'>;

interface Values {
  username: string;
  displayName: string;
  role: AssignableRole;
  unitId?: string | null;
  villageId?: string | null;
  email?: string | null;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

/**
 * Create an account (the server answers with a temporary password) or edit its name and role.
 * A unit handler is bound to a unit, a village clerk to a village.
 */
export function UserFormModal({ user, units, villages, isSelf, onCreated, onClose }: {
  user: User | null;
  units: Unit[];
  villages: Village[];
  isSelf: boolean;
  onCreated: (user: User, temporaryPassword: string) => void;
  onClose: (saved?: User) => void;
}) {
  const { t } = useTranslation();
  const township = useTownship();
  const create = useCreateUser(township.id);
  const update = useUpdateUser(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);

  const onFinish = (values: Values) => {
    const email = values.email?.trim() ? values.email.trim() : null;
    const binding = {
      email,
      unitId: values.role === 'unit_handler' ? (values.unitId ?? null) : null,
      villageId: values.role === 'village_clerk' ? (values.villageId ?? null) : null,
    };
    if (user) {
      update.mutate({ id: user.id, displayName: values.displayName.trim(), role: values.role, ...binding }, {
        onSuccess: (saved) => onClose(saved),
        onError: (err) => report(err, form),
      });
    } else {
      create.mutate({ username: values.username.trim(), displayName: values.displayName.trim(), role: values.role, ...binding }, {
        onSuccess: ({ user: created, temporaryPassword }) => onCreated(created, temporaryPassword),
        onError: (err) => report(err, form),
      });
    }
  };

  const activeUnits = units.filter((u) => !u.archivedAt || u.id === user?.unitId);
  const activeVillages = villages.filter((v) => !v.archivedAt || v.id === user?.villageId);

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={user
          ? { username: user.username, displayName: user.displayName, role: user.role === 'county_admin' ? undefined : user.role, unitId: user.unitId, villageId: user.villageId, email: user.email }
          : { role: 'deputy', unitId: null, villageId: null }}
      >
        <Form.Item label={t('users.username')} name="username" extra={user ? undefined : t('users.usernameHelp')}
          rules={user ? [] : [{ required: true, pattern: USERNAME, message: t('users.usernameInvalid') }]}>
          <Input maxLength={32} autoComplete="off" disabled={Boolean(user)} />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[{ required: true, whitespace: true, max: 50, message: t('users.displayNameRequired') }]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.email')} name="email" extra={t('users.emailHelp')} rules={[{ type: 'email', max: 254, message: t('users.emailInvalid') }]}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('common.requiredSelect', { field: t('users.role') }) }]}>
          <Select<AssignableRole> disabled={isSelf} options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))} />
        </Form.Item>
        {role === 'unit_handler' ? (
          <Form.Item label={t('users.unit')} name="unitId" rules={[{ required: true, message: t('fieldErrors.unit') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={activeUnits.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        {role === 'village_clerk' ? (
          <Form.Item label={t('users.village')} name="villageId" rules={[{ required: true, message: t('fieldErrors.village') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={activeVillages.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
