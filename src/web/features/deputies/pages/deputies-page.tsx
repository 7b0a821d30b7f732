import { DownloadOutlined, DownOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Input, Segmented, Select, Space, Table, Tag, Tooltip, type MenuProps, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { saveFile } from '../../../app/api/client';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import {
  DEPUTY_LEVELS, downloadRoster, useConstituencies, useDeputies, useGroups,
  type Deputy, type DeputyFilter, type DeputyLevel,
} from '../api';
import { AccountModal } from '../components/account-modal';
import { DeputyFormDrawer } from '../components/deputy-form-drawer';
import { ImportModal } from '../components/import-modal';
import { RevealModal } from '../components/reveal-modal';
import { levelTermLabel, mandateLabel, termLabel } from '../format';
import '../deputies.css';

type Dialog =
  | { kind: 'form'; deputy: Deputy | null }
  | { kind: 'reveal'; deputy: Deputy }
  | { kind: 'account'; deputy: Deputy }
  | { kind: 'import' };

/** 代表名册: the township's deputies with filters, masked personal data, and the office's actions. */
export default function DeputiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const report = useErrorReporter();
  const [level, setLevel] = useState<DeputyLevel | undefined>();
  const [termNumber, setTermNumber] = useState<number | undefined>();
  const [constituencyId, setConstituencyId] = useState<string | undefined>();
  const [groupId, setGroupId] = useState<string | undefined>();
  const [current, setCurrent] = useState<'serving' | 'all'>('serving');
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [exporting, setExporting] = useState(false);

  const filter: DeputyFilter = { level, termNumber, constituencyId, groupId, current: current === 'serving', search };
  const deputies = useDeputies(township.id, filter);
  const everyone = useDeputies(township.id);
  const constituencies = useConstituencies(township.id);
  const groups = useGroups(township.id);
  const canManage = can('deputy.manage');
  const canExport = canManage && can('personal.reveal');

  const constituencyName = useMemo(() => new Map((constituencies.data ?? []).map((c) => [c.id, c.name])), [constituencies.data]);
  const groupName = useMemo(() => new Map((groups.data ?? []).map((g) => [g.id, g.name])), [groups.data]);
  const terms = useMemo(() => [...new Set((everyone.data ?? []).map((d) => d.termNumber))].sort((a, b) => b - a), [everyone.data]);

  const exportRoster = async () => {
    setExporting(true);
    try {
      saveFile(await downloadRoster(township.id));
      void message.success(t('deputies.roster.exported'));
    } catch (err) {
      report(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Deputy> = [
    {
      title: t('deputies.fields.name'), dataIndex: 'name', width: 88, fixed: 'start',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, d) => (can('duty.read') || d.can.updateOwn ? <Link to={`/deputies/${d.id}/record`}>{name}</Link> : name),
    },
    { title: t('deputies.fields.gender'), dataIndex: 'gender', width: 72, render: (g: Deputy['gender']) => t(`deputies.genders.${g}`) },
    { title: t('deputies.fields.levelTerm'), key: 'levelTerm', width: 150, render: (_, d) => levelTermLabel(t, d) },
    { title: t('deputies.fields.constituency'), dataIndex: 'constituencyId', width: 104, render: (id: string | null) => (id ? constituencyName.get(id) ?? '' : '—') },
    { title: t('deputies.fields.group'), dataIndex: 'groupId', width: 112, render: (id: string | null) => (id ? groupName.get(id) ?? '' : '—') },
    { title: t('deputies.fields.occupation'), dataIndex: 'occupation', width: 116 },
    { title: t('deputies.fields.phone'), dataIndex: 'phoneMasked', width: 112, render: (p: string | null) => <span className="masked">{p ?? '—'}</span> },
    { title: t('deputies.fields.mandate'), key: 'mandate', width: 156, render: (_, d) => mandateLabel(t, d) },
    {
      title: t('deputies.fields.status'), key: 'status', width: 150,
      render: (_, d) => (
        <Space size={[0, 4]} wrap>
          {d.isServing ? <Tag color="green">{t('deputies.status.serving')}</Tag> : (
            <Tooltip title={d.endReason ?? undefined}>
              <Tag>{d.endReason ? t('deputies.status.endedWithReason', { reason: d.endReason }) : t('deputies.status.ended')}</Tag>
            </Tooltip>
          )}
          {d.holdsGovernmentPost ? <Tag color="orange">{t('deputies.status.governmentPost')}</Tag> : null}
          {d.hasAccount ? <Tag color="blue">{t('deputies.status.hasAccount')}</Tag> : null}
        </Space>
      ),
    },
  ];

  const anyActions = canManage || can('personal.reveal') || can('duty.read');
  if (anyActions) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 196, fixed: 'end',
      render: (_, d) => {
        const more: MenuProps['items'] = [
          ...(d.can.reveal ? [{ key: 'reveal', label: t('deputies.actions.reveal') }] : []),
          ...(d.can.createAccount ? [{ key: 'account', label: t('deputies.actions.createAccount') }] : []),
        ];
        return (
          <Space size={0} wrap={false}>
            {can('duty.read') ? <Link to={`/deputies/${d.id}/record`} className="table-link">{t('deputies.actions.record')}</Link> : null}
            {d.can.update ? <Button type="link" size="small" onClick={() => setDialog({ kind: 'form', deputy: d })}>{t('deputies.actions.edit')}</Button> : null}
            {more.length ? (
              <Dropdown
                trigger={['click']}
                menu={{ items: more, onClick: ({ key }) => setDialog({ kind: key as 'reveal' | 'account', deputy: d }) }}
              >
                <Button type="link" size="small" aria-label={t('deputies.actions.moreFor', { name: d.name })}>
                  {t('deputies.actions.more')} <DownOutlined aria-hidden />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('deputies.roster.title')}
        extra={canManage ? (
          <>
            {canExport ? <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void exportRoster()}>{t('deputies.roster.export')}</Button> : null}
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setDialog({ kind: 'import' })}>{t('deputies.roster.import')}</Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'form', deputy: null })}>{t('deputies.roster.add')}</Button>
          </>
        ) : undefined}
      >
        <p className="page-intro">{t('deputies.roster.intro')}</p>
      </PageHeader>
      <Card>
        <div className="page-toolbar">
          <Select<DeputyLevel | 'all'>
            aria-label={t('deputies.filters.level')}
            value={level ?? 'all'}
            onChange={(v) => setLevel(v === 'all' ? undefined : v)}
            style={{ width: 140 }}
            options={[{ value: 'all', label: t('deputies.filters.allLevels') }, ...DEPUTY_LEVELS.map((l) => ({ value: l, label: t(`deputies.levels.${l}`) }))]}
          />
          <Select<number | 'all'>
            aria-label={t('deputies.filters.term')}
            value={termNumber ?? 'all'}
            onChange={(v) => setTermNumber(v === 'all' ? undefined : v)}
            style={{ width: 130 }}
            options={[{ value: 'all', label: t('deputies.filters.allTerms') }, ...terms.map((n) => ({ value: n, label: termLabel(t, n) }))]}
          />
          <Select<string>
            aria-label={t('deputies.filters.constituency')}
            value={constituencyId ?? 'all'}
            onChange={(v) => setConstituencyId(v === 'all' ? undefined : v)}
            style={{ width: 140 }}
            options={[{ value: 'all', label: t('deputies.filters.allConstituencies') }, ...(constituencies.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          />
          <Select<string>
            aria-label={t('deputies.filters.group')}
            value={groupId ?? 'all'}
            onChange={(v) => setGroupId(v === 'all' ? undefined : v)}
            style={{ width: 160 }}
            options={[{ value: 'all', label: t('deputies.filters.allGroups') }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
          />
          <Segmented<'serving' | 'all'>
            aria-label={t('deputies.filters.status')}
            value={current}
            onChange={setCurrent}
            options={[{ value: 'serving', label: t('deputies.filters.serving') }, { value: 'all', label: t('deputies.filters.all') }]}
          />
          <Input.Search
            aria-label={t('deputies.filters.search')}
            placeholder={t('deputies.filters.search')}
            allowClear
            maxLength={30}
            onSearch={setSearch}
            style={{ width: 200 }}
          />
        </div>
        {deputies.isError ? (
          <QueryError error={deputies.error} onRetry={() => void deputies.refetch()} />
        ) : (
          <Table<Deputy>
            rowKey="id"
            size="small"
            loading={deputies.isFetching && !deputies.data}
            columns={columns}
            dataSource={deputies.data ?? []}
            scroll={{ x: 1280 }}
            rowClassName={(d) => (d.isServing ? '' : 'row-archived')}
            pagination={{ pageSize: 20, showTotal: (count) => t('deputies.roster.count', { count }), showSizeChanger: false }}
            data-testid="deputies-table"
          />
        )}
      </Card>
      {dialog?.kind === 'form' ? (
        <DeputyFormDrawer
          key={dialog.deputy?.id ?? 'new'}
          deputy={dialog.deputy}
          onClose={(saved) => {
            if (saved) void message.success(t(dialog.deputy ? 'common.saved' : 'common.created'));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'reveal' ? <RevealModal deputy={dialog.deputy} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'account' ? <AccountModal deputy={dialog.deputy} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'import' ? <ImportModal onClose={() => setDialog(null)} /> : null}
    </>
  );
}
