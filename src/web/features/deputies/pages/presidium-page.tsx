import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Select, Space, Spin, Table, Tag, Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useVillages } from '../../villages/api';
import {
  PRESIDIUM_POSITIONS, useAreaAssignments, useAssignArea, useDeputies, useElectPresidium, usePresidium,
  type AreaAssignment, type Deputy, type Presidium, type PresidiumMember, type PresidiumPosition,
} from '../api';
import '../deputies.css';

interface ElectValues {
  termNumber: number;
  sessionLabel: string;
  electedOn: Dayjs | null;
  members: { deputyId?: string; position: PresidiumPosition }[];
}

function ElectModal({ presidium, deputies, onClose }: { presidium: Presidium; deputies: Deputy[]; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const elect = useElectPresidium(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<ElectValues>();
  const termNumber = Form.useWatch('termNumber', form);
  const first = presidium.members[0];

  const onFinish = (values: ElectValues) => {
    elect.mutate({
      termNumber: values.termNumber,
      sessionLabel: values.sessionLabel.trim(),
      electedOn: values.electedOn!.format('YYYY-MM-DD'),
      members: values.members.map((m) => ({ deputyId: m.deputyId!, position: m.position })),
    }, { onSuccess: () => onClose(true), onError: (err) => report(err, form) });
  };

  // Only serving township deputies of the term can sit on the presidium.
  const options = deputies
    .filter((d) => d.level === 'township' && d.isServing && (!termNumber || d.termNumber === termNumber))
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal
      open
      width={720}
      title={t('deputies.presidium.electTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={elect.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('deputies.presidium.electHelp')}</Typography.Paragraph>
      <Form<ElectValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          termNumber: first?.termNumber ?? 14,
          sessionLabel: '',
          electedOn: dayjs(),
          members: presidium.members.length
            ? presidium.members.map((m) => ({ deputyId: m.deputyId, position: m.position }))
            : [{ position: 'chair' }, { position: 'vice_chair' }, { position: 'member' }],
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item label={t('deputies.presidium.termNumber')} name="termNumber" rules={[{ required: true }]}>
            <InputNumber min={1} max={99} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            label={t('deputies.presidium.sessionLabel')}
            name="sessionLabel"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('deputies.presidium.sessionLabel') }) }, { max: 60 }]}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Input maxLength={60} placeholder={t('deputies.presidium.sessionLabelPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('deputies.presidium.electedOn')} name="electedOn" rules={[{ required: true, message: t('common.requiredSelect', { field: t('deputies.presidium.electedOn') }) }]}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.List
          name="members"
          rules={[{
            validator: async (_, members: ElectValues['members']) => {
              const chairs = members.filter((m) => m.position === 'chair').length;
              const vices = members.filter((m) => m.position === 'vice_chair').length;
              if (chairs !== 1) throw new Error(t('deputies.presidium.chairCount'));
              if (vices < 1 || vices > 2) throw new Error(t('deputies.presidium.viceCount'));
              const ids = members.map((m) => m.deputyId).filter(Boolean);
              if (new Set(ids).size !== ids.length) throw new Error(t('deputies.presidium.duplicate'));
            },
          }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <fieldset className="presidium-members">
              <legend>{t('deputies.presidium.members')}</legend>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={[field.name, 'deputyId']}
                    rules={[{ required: true, message: t('common.requiredSelect', { field: t('deputies.presidium.deputy') }) }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Select
                      aria-label={`${t('deputies.presidium.deputy')} ${index + 1}`}
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('deputies.presidium.deputy')}
                      options={options}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'position']} style={{ width: 140, marginBottom: 8 }}>
                    <Select
                      aria-label={`${t('deputies.presidium.position')} ${index + 1}`}
                      options={PRESIDIUM_POSITIONS.map((p) => ({ value: p, label: t(`deputies.presidium.positions.${p}`) }))}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`${t('deputies.presidium.removeMember')} ${index + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ position: 'member' })} style={{ marginTop: 8 }}>
                {t('deputies.presidium.addMember')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface AreaRow {
  leader: PresidiumMember;
  assignment: AreaAssignment;
}

function AreaEditor({ row, deputies, villages, canManage }: { row: AreaRow; deputies: Deputy[]; villages: { value: string; label: string }[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const township = useTownship();
  const assign = useAssignArea(township.id);
  const report = useErrorReporter();
  const [villageIds, setVillageIds] = useState(row.assignment.villageIds);
  const [deputyIds, setDeputyIds] = useState(row.assignment.deputyIds);
  const dirty = JSON.stringify([villageIds, deputyIds]) !== JSON.stringify([row.assignment.villageIds, row.assignment.deputyIds]);
  const name = row.leader.deputyName;

  return (
    <Flex gap={12} wrap align="start" className="area-row">
      <Select
        mode="multiple"
        aria-label={`${name} ${t('deputies.presidium.areaVillages')}`}
        placeholder={t('deputies.presidium.areaVillages')}
        value={villageIds}
        onChange={setVillageIds}
        disabled={!canManage}
        showSearch={{ optionFilterProp: 'label' }}
        options={villages}
        style={{ flex: 1, minWidth: 220 }}
      />
      <Select
        mode="multiple"
        aria-label={`${name} ${t('deputies.presidium.areaDeputies')}`}
        placeholder={t('deputies.presidium.areaDeputies')}
        value={deputyIds}
        onChange={setDeputyIds}
        disabled={!canManage}
        showSearch={{ optionFilterProp: 'label' }}
        options={deputies.filter((d) => d.id !== row.leader.deputyId).map((d) => ({ value: d.id, label: d.name }))}
        style={{ flex: 1, minWidth: 220 }}
      />
      {canManage ? (
        <Button
          type="primary"
          ghost
          disabled={!dirty}
          loading={assign.isPending}
          onClick={() => assign.mutate({ leaderDeputyId: row.leader.deputyId, villageIds, deputyIds }, {
            onSuccess: () => void message.success(t('deputies.presidium.areaSaved', { name })),
            onError: (err) => report(err),
          })}
        >
          {t('common.save')}
        </Button>
      ) : null}
    </Flex>
  );
}

/** 主席团: the current presidium with its warnings, a new election, and the chairs' area assignments. */
export default function PresidiumPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const township = useTownship();
  const presidium = usePresidium(township.id);
  const areas = useAreaAssignments(township.id);
  const deputies = useDeputies(township.id, { current: true });
  const villages = useVillages(township.id);
  const [electing, setElecting] = useState(false);
  const canManage = can('deputy.manage');

  const members = useMemo(() => presidium.data?.members ?? [], [presidium.data]);
  const byPosition = (p: PresidiumPosition) => members.filter((m) => m.position === p);
  const first = members[0];
  const warnings = (presidium.data?.warnings ?? []).flatMap((w) => {
    const [kind, deputyId] = w.split(':');
    const m = members.find((x) => x.deputyId === deputyId);
    if (kind !== 'government_post' || !m) return [];
    return [t('deputies.presidium.governmentPost', { position: t(`deputies.presidium.positions.${m.position}`), name: m.deputyName })];
  });
  const leaders: AreaRow[] = members.filter((m) => m.position !== 'member').map((leader) => ({
    leader,
    assignment: areas.data?.find((a) => a.leaderDeputyId === leader.deputyId) ?? { leaderDeputyId: leader.deputyId, villageIds: [], deputyIds: [] },
  }));
  const villageOptions = (villages.data ?? []).map((v) => ({ value: v.id, label: v.name }));

  const areaColumns: TableColumnsType<AreaRow> = [
    {
      title: t('deputies.presidium.leader'), key: 'leader', width: 160,
      render: (_, r) => <Space size={4}><strong>{r.leader.deputyName}</strong><Tag>{t(`deputies.presidium.positions.${r.leader.position}`)}</Tag></Space>,
    },
    {
      title: `${t('deputies.presidium.areaVillages')} / ${t('deputies.presidium.areaDeputies')}`, key: 'area',
      render: (_, r) => (
        <AreaEditor
          key={JSON.stringify(r.assignment)}
          row={r}
          deputies={deputies.data ?? []}
          villages={villageOptions}
          canManage={canManage}
        />
      ),
    },
  ];

  const names = (list: PresidiumMember[]) => (list.length
    ? <Space size={[4, 4]} wrap>{list.map((m) => <Tag key={m.id} color={m.holdsGovernmentPost && m.position !== 'member' ? 'red' : undefined}>{m.deputyName}</Tag>)}</Space>
    : '—');

  return (
    <>
      <PageHeader
        title={t('deputies.presidium.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setElecting(true)} disabled={!presidium.data}>{t('deputies.presidium.elect')}</Button> : undefined}
      >
        <p className="page-intro">{t('deputies.presidium.intro')}</p>
      </PageHeader>
      {presidium.isError ? (
        <QueryError error={presidium.error} onRetry={() => void presidium.refetch()} />
      ) : presidium.isPending ? (
        <div className="page-loading"><Spin /></div>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} />)}
          <Card
            title={t('deputies.presidium.current')}
            extra={first ? <Typography.Text type="secondary">{t('deputies.presidium.electedAt', { session: first.sessionLabel, date: first.electedOn })}</Typography.Text> : null}
          >
            {members.length === 0 ? <Empty description={t('deputies.presidium.none')} /> : (
              <Descriptions column={1} bordered size="middle" styles={{ label: { width: 120 } }}>
                {PRESIDIUM_POSITIONS.map((p) => (
                  <Descriptions.Item key={p} label={t(`deputies.presidium.positions.${p}`)}>{names(byPosition(p))}</Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
          <Card title={t('deputies.presidium.areasTitle')}>
            <Typography.Paragraph type="secondary">{t('deputies.presidium.areasIntro')}</Typography.Paragraph>
            {leaders.length === 0 ? <Empty description={t('deputies.presidium.noLeaders')} /> : (
              <Table<AreaRow>
                rowKey={(r) => r.leader.deputyId}
                size="middle"
                loading={areas.isPending}
                columns={areaColumns}
                dataSource={leaders}
                pagination={false}
              />
            )}
          </Card>
        </Space>
      )}
      {electing && presidium.data ? (
        <ElectModal
          presidium={presidium.data}
          deputies={deputies.data ?? []}
          onClose={(saved) => {
            if (saved) void message.success(t('deputies.presidium.elected'));
            setElecting(false);
          }}
        />
      ) : null}
    </>
  );
}
