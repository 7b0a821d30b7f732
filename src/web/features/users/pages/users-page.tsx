import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { formatDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useUnits } from '../../units/api';
import { useVillages } from '../../villages/api';
import { useResetPassword, useUpdateUser, useUsers } from '../api';
import { TemporaryPasswordModal, type TemporaryPassword } from '../components/temporary-password-modal';
import { UserFormModal } from '../components/user-form-modal';

const ROLE_COLORS: Record<Role, string> = {
  county_admin: 'magenta', office: 'red', presidium: 'volcano', deputy: 'blue', unit_handler: 'cyan', village_clerk: 'green',
};

/** The township's accounts: create, edit role, reset password, deactivate (user.manage). */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const township = useTownship();
  const users = useUsers(township.id);
  const units = useUnits(township.id, true);
  const villages = useVillages(township.id, true);
  const update = useUpdateUser(township.id);
  const reset = useResetPassword(township.id);
  const report = useErrorReporter();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [temporary, setTemporary] = useState<TemporaryPassword | null>(null);

  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const villageNames = useMemo(() => new Map((villages.data ?? []).map((v) => [v.id, v.name])), [villages.data]);

  const setActive = (user: User, isActive: boolean) => {
    update.mutate({ id: user.id, isActive }, {
      onSuccess: () => void message.success(t(isActive ? 'users.activated' : 'users.deactivated', { name: user.displayName })),
      onError: (err) => report(err),
    });
  };

  const resetPassword = (user: User) => {
    reset.mutate(user.id, {
      onSuccess: ({ temporaryPassword }) => setTemporary({ kind: 'reset', displayName: user.displayName, username: user.username, password: temporaryPassword }),
      onError: (err) => report(err),
    });
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    {
      title: t('users.displayName'), dataIndex: 'displayName',
      render: (name: string, u) => <>{name}{u.id === me?.user.id ? <Tag style={{ marginInlineStart: 8 }}>{t('users.you')}</Tag> : null}</>,
    },
    {
      title: t('users.role'), dataIndex: 'role', width: 130,
      filters: ROLES.filter((r) => r !== 'county_admin').map((r) => ({ text: t(`users.roles.${r}`), value: r })),
      onFilter: (value, u) => u.role === value,
      render: (role: Role) => <Tag color={ROLE_COLORS[role]}>{t(`users.roles.${role}`)}</Tag>,
    },
    {
      title: t('users.binding'), key: 'binding',
      render: (_, u) => (u.unitId ? unitNames.get(u.unitId) : u.villageId ? villageNames.get(u.villageId) : null) ?? '—',
    },
    {
      title: t('users.active'), key: 'status', width: 170,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.isActive ? <Tag color="green">{t('users.isActive')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {u.lockedUntil ? (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
              <Tag color="error" tabIndex={0}>{t('users.locked')}</Tag>
            </Tooltip>
          ) : null}
          {u.mustChangePassword ? <Tag color="warning">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : t('users.never')),
    },
    {
      title: t('common.actions'), key: 'actions', width: 220,
      render: (_, u) => {
        const isSelf = u.id === me?.user.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(u)}>{t('common.edit')}</Button>
            {!isSelf ? (
              <Popconfirm title={t('users.resetConfirm', { name: u.displayName })} okText={t('users.resetPassword')} cancelText={t('common.cancel')} onConfirm={() => resetPassword(u)}>
                <Button type="link" size="small">{t('users.resetPassword')}</Button>
              </Popconfirm>
            ) : null}
            {!isSelf ? (
              u.isActive ? (
                <Popconfirm title={t('users.deactivateConfirm', { name: u.displayName })} okText={t('users.deactivate')} cancelText={t('common.cancel')} onConfirm={() => setActive(u, false)}>
                  <Button type="link" size="small" danger>{t('users.deactivate')}</Button>
                </Popconfirm>
              ) : (
                <Popconfirm title={t('users.activateConfirm', { name: u.displayName })} okText={t('users.activate')} cancelText={t('common.cancel')} onConfirm={() => setActive(u, true)}>
                  <Button type="link" size="small">{t('users.activate')}</Button>
                </Popconfirm>
              )
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('users.add')}</Button>}
      />
      <Card>
        {users.isError ? (
          <QueryError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            loading={users.isPending}
            columns={columns}
            dataSource={users.data ?? []}
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 20, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <UserFormModal
          key={editing?.id ?? 'new'}
          user={editing}
          units={units.data ?? []}
          villages={villages.data ?? []}
          isSelf={editing?.id === me?.user.id}
          onCreated={(user, password) => {
            setEditing(undefined);
            setTemporary({ kind: 'created', displayName: user.displayName, username: user.username, password });
          }}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(undefined);
          }}
        />
      ) : null}
      {temporary ? <TemporaryPasswordModal value={temporary} onClose={() => setTemporary(null)} /> : null}
    </>
  );
}
