import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDeputies, useGroups, useSaveGroup, type Deputy, type DeputyGroup } from '../api';
import '../deputies.css';

interface Values {
  name: string;
  leaderDeputyId: string | null;
}

function GroupModal({ group, deputies, onClose }: { group: DeputyGroup | null; deputies: Deputy[]; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const save = useSaveGroup(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();

  const onFinish = (values: Values) => {
    save.mutate({ id: group?.id, name: values.name.trim(), leaderDeputyId: values.leaderDeputyId ?? null }, {
      onSuccess: () => onClose(true),
      onError: (err) => report(err, form),
    });
  };

  // Members first, so the usual choice is at the top.
  const options = [...deputies]
    .sort((a, b) => Number(b.groupId === group?.id) - Number(a.groupId === group?.id) || a.name.localeCompare(b.name, 'zh-CN'))
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal
      open
      title={group ? t('deputies.groups.editTitle', { name: group.name }) : t('deputies.groups.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ name: group?.name ?? '', leaderDeputyId: group?.leaderDeputyId ?? null }}>
        <Form.Item label={t('deputies.groups.name')} name="name" rules={[{ required: true, whitespace: true, message: t('deputies.groups.nameRequired') }, { max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t('deputies.groups.leader')} name="leaderDeputyId" extra={t('deputies.groups.leaderHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('deputies.groups.noLeader')} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 代表小组: groups with their leader and members; a group under 3 members is flagged (地方组织法 第43条). */
export default function GroupsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const groups = useGroups(township.id);
  const deputies = useDeputies(township.id, { current: true });
  const [editing, setEditing] = useState<DeputyGroup | null | undefined>(undefined);
  const canManage = can('deputy.manage');

  const byId = useMemo(() => new Map((deputies.data ?? []).map((d) => [d.id, d])), [deputies.data]);
  const membersOf = (groupId: string) => (deputies.data ?? []).filter((d) => d.groupId === groupId);

  const columns: TableColumnsType<DeputyGroup> = [
    { title: t('deputies.groups.name'), dataIndex: 'name', width: 180 },
    {
      title: t('deputies.groups.leader'), dataIndex: 'leaderDeputyId', width: 120,
      render: (id: string | null) => (id ? byId.get(id)?.name ?? '' : <Typography.Text type="secondary">{t('deputies.groups.noLeader')}</Typography.Text>),
    },
    {
      title: t('deputies.groups.memberCount'), dataIndex: 'memberCount', width: 300,
      render: (n: number, g) => (
        <Space size={8} wrap>
          <span>{t('deputies.groups.persons', { count: n })}</span>
          {g.warnings.includes('below_minimum') ? <Tag color="red" icon={<WarningOutlined aria-hidden />}>{t('deputies.groups.belowMinimum')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('deputies.groups.members'), key: 'members',
      render: (_, g) => {
        const members = membersOf(g.id);
        return members.length ? members.map((d) => d.name).join('、') : <Typography.Text type="secondary">{t('deputies.groups.noMembers')}</Typography.Text>;
      },
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_, g) => <Button type="link" size="small" onClick={() => setEditing(g)}>{t('common.edit')}</Button>,
    });
  }

  return (
    <>
      <PageHeader
        title={t('deputies.groups.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('deputies.groups.add')}</Button> : undefined}
      >
        <p className="page-intro">{t('deputies.groups.intro')}</p>
      </PageHeader>
      <Card>
        {groups.isError ? (
          <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
        ) : (
          <Table<DeputyGroup>
            rowKey="id"
            size="middle"
            loading={groups.isPending}
            columns={columns}
            dataSource={groups.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <GroupModal
          key={editing?.id ?? 'new'}
          group={editing}
          deputies={deputies.data ?? []}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(undefined);
          }}
        />
      ) : null}
    </>
  );
}
