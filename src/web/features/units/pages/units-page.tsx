import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_TYPES, type Unit, type UnitType } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useVillages } from '../../villages/api';
import { useUnits, useUpdateUnit } from '../api';
import { UnitFormModal } from '../components/unit-form-modal';

const TYPE_COLORS: Record<UnitType, string> = {
  gov_department: 'red', station: 'blue', school: 'purple', village_committee: 'green', other: 'default',
};

/** Government offices, stations, schools and village committees: the units that handle suggestions. */
export default function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const [showArchived, setShowArchived] = useState(false);
  const [typeFilter, setTypeFilter] = useState<UnitType | 'all'>('all');
  const units = useUnits(township.id, showArchived);
  const villages = useVillages(township.id, true);
  const update = useUpdateUnit(township.id);
  const report = useErrorReporter();
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const canManage = can('unit.manage');

  const villageNames = useMemo(() => new Map((villages.data ?? []).map((v) => [v.id, v.name])), [villages.data]);
  const rows = useMemo(() => (units.data ?? []).filter((u) => typeFilter === 'all' || u.type === typeFilter), [units.data, typeFilter]);

  const setArchived = (unit: Unit, archived: boolean) => {
    update.mutate({ id: unit.id, archived }, {
      onSuccess: () => void message.success(t(archived ? 'units.archived' : 'units.restored', { name: unit.name })),
      onError: (err) => report(err),
    });
  };

  const columns: TableColumnsType<Unit> = [
    { title: t('units.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('units.type'), dataIndex: 'type', width: 130,
      render: (type: UnitType) => <Tag color={TYPE_COLORS[type]}>{t(`units.types.${type}`)}</Tag>,
    },
    {
      title: t('units.enforcement'), dataIndex: 'hasEnforcementPower', width: 110,
      render: (has: boolean) => has ? <Tag color="orange">{t('units.hasEnforcement')}</Tag> : <span>{t('units.noEnforcement')}</span>,
    },
    { title: t('units.village'), dataIndex: 'villageId', render: (id: string | null) => (id ? villageNames.get(id) ?? '' : '—') },
    {
      title: t('units.contact'), key: 'contact',
      render: (_, u) => (u.contactPerson || u.contactPhone ? [u.contactPerson, u.contactPhone].filter(Boolean).join('　') : '—'),
    },
    {
      title: t('common.status'), dataIndex: 'archivedAt', width: 100,
      render: (archivedAt: string | null) => archivedAt ? <Tag>{t('common.archived')}</Tag> : <Tag color="green">{t('common.active')}</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, unit) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => setEditing(unit)}>{t('common.edit')}</Button>
          {unit.archivedAt ? (
            <Button type="link" size="small" onClick={() => setArchived(unit, false)}>{t('common.restore')}</Button>
          ) : (
            <Popconfirm title={t('units.archiveConfirm', { name: unit.name })} okText={t('common.archive')} cancelText={t('common.cancel')} onConfirm={() => setArchived(unit, true)}>
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
        title={t('units.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('units.add')}</Button> : undefined}
      />
      <Card>
        <div className="page-toolbar">
          <Select<UnitType | 'all'>
            aria-label={t('units.filterType')}
            value={typeFilter}
            onChange={setTypeFilter}
            style={{ width: 180 }}
            options={[{ value: 'all', label: `${t('units.type')}：${t('common.all')}` }, ...UNIT_TYPES.map((ty) => ({ value: ty, label: t(`units.types.${ty}`) }))]}
          />
          <label>
            <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('common.showArchived')} />
            <span aria-hidden>{t('common.showArchived')}</span>
          </label>
        </div>
        {units.isError ? (
          <QueryError error={units.error} onRetry={() => void units.refetch()} />
        ) : (
          <Table<Unit>
            rowKey="id"
            size="middle"
            loading={units.isPending}
            columns={columns}
            dataSource={rows}
            rowClassName={(u) => (u.archivedAt ? 'row-archived' : '')}
            pagination={{ pageSize: 20, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {editing !== undefined ? (
        <UnitFormModal
          key={editing?.id ?? 'new'}
          unit={editing}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(undefined);
          }}
        />
      ) : null}
    </>
  );
}
