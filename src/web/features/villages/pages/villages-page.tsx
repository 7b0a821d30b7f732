import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Village } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useUpdateVillage, useVillages } from '../api';
import { VillageFormModal } from '../components/village-form-modal';

/** The township's villages and residents' committees; managed by the office (village.manage). */
export default function VillagesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const [showArchived, setShowArchived] = useState(false);
  const villages = useVillages(township.id, showArchived);
  const update = useUpdateVillage(township.id);
  const report = useErrorReporter();
  /** undefined: closed; null: adding; a village: editing it. */
  const [editing, setEditing] = useState<Village | null | undefined>(undefined);
  const canManage = can('village.manage');

  const setArchived = (village: Village, archived: boolean) => {
    update.mutate({ id: village.id, archived }, {
      onSuccess: () => void message.success(t(archived ? 'villages.archived' : 'villages.restored', { name: village.name })),
      onError: (err) => report(err),
    });
  };

  const columns: TableColumnsType<Village> = [
    { title: t('villages.sortOrder'), dataIndex: 'sortOrder', width: 80, sorter: (a, b) => a.sortOrder - b.sortOrder },
    { title: t('villages.code'), dataIndex: 'code', width: 150, render: (code: string | null) => code ?? '—' },
    { title: t('villages.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('villages.kind'), dataIndex: 'kind', width: 120,
      filters: [{ text: t('villages.kinds.village'), value: 'village' }, { text: t('villages.kinds.community'), value: 'community' }],
      onFilter: (value, v) => v.kind === value,
      render: (kind: Village['kind']) => <Tag color={kind === 'community' ? 'blue' : 'green'}>{t(`villages.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('common.status'), dataIndex: 'archivedAt', width: 100,
      render: (archivedAt: string | null) => archivedAt ? <Tag>{t('common.archived')}</Tag> : <Tag color="green">{t('common.active')}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 160,
      render: (_, village) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => setEditing(village)}>{t('common.edit')}</Button>
          {village.archivedAt ? (
            <Button type="link" size="small" onClick={() => setArchived(village, false)}>{t('common.restore')}</Button>
          ) : (
            <Popconfirm title={t('villages.archiveConfirm', { name: village.name })} okText={t('common.archive')} cancelText={t('common.cancel')} onConfirm={() => setArchived(village, true)}>
              <Button type="link" size="small" danger>{t('common.archive')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('villages.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('villages.add')}</Button> : undefined}
      />
      <Card>
        <div className="page-toolbar">
          <label>
            <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('common.showArchived')} />
            <span aria-hidden>{t('common.showArchived')}</span>
          </label>
        </div>
        {villages.isError ? (
          <QueryError error={villages.error} onRetry={() => void villages.refetch()} />
        ) : (
          <Table<Village>
            rowKey="id"
            size="middle"
            loading={villages.isPending}
            columns={columns}
            dataSource={villages.data ?? []}
            rowClassName={(v) => (v.archivedAt ? 'row-archived' : '')}
            pagination={{ pageSize: 20, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <VillageFormModal
          key={editing?.id ?? 'new'}
          village={editing}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(undefined);
          }}
        />
      ) : null}
    </>
  );
}
