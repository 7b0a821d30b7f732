import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useVillages } from '../../villages/api';
import { useConstituencies, useSaveConstituency, type Constituency, type ConstituencyInput } from '../api';
import '../deputies.css';

function ConstituencyModal({ constituency, onClose }: { constituency: Constituency | null; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const villages = useVillages(township.id);
  const save = useSaveConstituency(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<ConstituencyInput>();

  const onFinish = (values: ConstituencyInput) => {
    save.mutate({ id: constituency?.id, ...values, name: values.name.trim(), villageIds: values.villageIds ?? [] }, {
      onSuccess: () => onClose(true),
      onError: (err) => report(err, form),
    });
  };

  return (
    <Modal
      open
      title={constituency ? t('deputies.constituencies.editTitle', { name: constituency.name }) : t('deputies.constituencies.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={constituency
          ? { name: constituency.name, registeredVoters: constituency.registeredVoters, seats: constituency.seats, villageIds: constituency.villageIds }
          : { name: '', registeredVoters: 0, seats: 1, villageIds: [] }}
      >
        <Form.Item label={t('deputies.constituencies.name')} name="name" rules={[{ required: true, whitespace: true, message: t('deputies.constituencies.nameRequired') }, { max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t('deputies.constituencies.villages')} name="villageIds">
          <Select
            mode="multiple"
            allowClear
            loading={villages.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item label={t('deputies.constituencies.registeredVoters')} name="registeredVoters" rules={[{ required: true }]}>
            <InputNumber min={0} max={10_000_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t('deputies.constituencies.seats')} name="seats" rules={[{ required: true }]}>
            <InputNumber min={1} max={50} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 选区: constituencies, the villages each covers, registered voters, seats and serving deputies. */
export default function ConstituenciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const constituencies = useConstituencies(township.id);
  const villages = useVillages(township.id, true);
  const [editing, setEditing] = useState<Constituency | null | undefined>(undefined);
  const canManage = can('deputy.manage');
  const villageName = useMemo(() => new Map((villages.data ?? []).map((v) => [v.id, v.name])), [villages.data]);

  const columns: TableColumnsType<Constituency> = [
    { title: t('deputies.constituencies.name'), dataIndex: 'name', width: 140 },
    {
      title: t('deputies.constituencies.villages'), dataIndex: 'villageIds',
      render: (ids: string[]) => (ids.length ? <Space size={[4, 4]} wrap>{ids.map((id) => <Tag key={id}>{villageName.get(id) ?? ''}</Tag>)}</Space> : '—'),
    },
    { title: t('deputies.constituencies.registeredVoters'), dataIndex: 'registeredVoters', width: 130, align: 'end', render: (n: number) => n.toLocaleString('zh-CN') },
    { title: t('deputies.constituencies.seats'), dataIndex: 'seats', width: 130, align: 'end' },
    { title: t('deputies.constituencies.deputyCount'), dataIndex: 'deputyCount', width: 130, align: 'end' },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_, c) => <Button type="link" size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button>,
    });
  }

  return (
    <>
      <PageHeader
        title={t('deputies.constituencies.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('deputies.constituencies.add')}</Button> : undefined}
      >
        <p className="page-intro">{t('deputies.constituencies.intro')}</p>
      </PageHeader>
      <Card>
        {constituencies.isError ? (
          <QueryError error={constituencies.error} onRetry={() => void constituencies.refetch()} />
        ) : (
          <Table<Constituency>
            rowKey="id"
            size="middle"
            loading={constituencies.isPending}
            columns={columns}
            dataSource={constituencies.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <ConstituencyModal
          key={editing?.id ?? 'new'}
          constituency={editing}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(undefined);
          }}
        />
      ) : null}
    </>
  );
}
