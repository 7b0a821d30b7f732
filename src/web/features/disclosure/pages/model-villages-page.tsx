import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Collapse, Empty, Flex, Form, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api/client';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useCreateEntry, useCreateProgramme, useModelVillages, useUpdateCriterion, useUpdateEntry, useUpdateProgramme } from '../api';
import type { EntryStatus, ModelVillageEntry, Programme } from '../types';

const STATUSES: EntryStatus[] = ['applied', 'building', 'accepted'];
const STATUS_COLOR: Record<EntryStatus, string> = { applied: 'blue', building: 'gold', accepted: 'green' };

/**
 * 民主法治示范村, 生态文明村 and the township's own programmes: each village's checklist with evidence
 * and status. `mine`: a village clerk's own village, read-only (the server scopes the list).
 */
export default function ModelVillagesPage({ mine = false }: { mine?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const q = useModelVillages(township.id, year);
  const villages = useQuery({ enabled: q.data?.canManage === true, queryKey: ['villages', township.id], queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>(`/api/v1/townships/${township.id}/villages`, { signal }) });
  const create = useCreateEntry(township.id);
  const createProgramme = useCreateProgramme(township.id);
  const updateProgramme = useUpdateProgramme();
  const [adding, setAdding] = useState(false);
  const [managing, setManaging] = useState(false);
  /** The programme form: null closed, 'new', or the programme being edited. */
  const [programmeForm, setProgrammeForm] = useState<'new' | Programme | null>(null);
  const [form] = Form.useForm();
  const [pForm] = Form.useForm();
  const data = q.data;

  return (
    <>
      <PageHeader title={t(mine ? 'disclosure.model.mineTitle' : 'disclosure.model.title')} extra={(
        <Space>
          <YearSelect value={year} onChange={setYear} />
          {data?.canManage ? <Button onClick={() => setManaging(true)}>{t('disclosure.model.manageProgrammes')}</Button> : null}
          {data?.canManage ? <Button type="primary" onClick={() => setAdding(true)}>{t('disclosure.model.add')}</Button> : null}
        </Space>
      )}>
        <p className="page-intro">{t(mine ? 'disclosure.model.mineIntro' : 'disclosure.model.intro')}</p>
        {data && !mine ? <p>{t('disclosure.model.programmes')}：{data.programmes.filter((p) => !p.archived).map((p) => p.name).join('、')}</p> : null}
      </PageHeader>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <Card loading={q.isPending}>
          {data && data.items.length === 0 ? <Empty description={t(mine ? 'disclosure.model.mineNone' : 'disclosure.model.none')} /> : (
            <Collapse items={(data?.items ?? []).map((e) => ({
              key: e.id,
              label: (
                <Flex gap={12} wrap align="center">
                  <strong>{e.villageName}</strong><span>{e.programmeName}</span>
                  <Tag color={STATUS_COLOR[e.status]}>{t(`disclosure.model.statuses.${e.status}`)}</Tag>
                  <span>{t('disclosure.model.progress', { met: e.met, total: e.criteria.length })}</span>
                  {e.acceptedOn ? <span>{t('disclosure.model.acceptedOn')} {e.acceptedOn}</span> : null}
                </Flex>
              ),
              children: <EntryDetail entry={e} canManage={data?.canManage ?? false} />,
            }))} />
          )}
        </Card>
      )}
      <Modal open={adding} title={t('disclosure.model.add')} confirmLoading={create.isPending} onCancel={() => setAdding(false)} forceRender
        onOk={() => void form.validateFields().then((v: { programmeId: string; villageId: string; note?: string }) => create.mutate({ ...v, year, note: v.note || null }, {
          onSuccess: () => { setAdding(false); form.resetFields(); void message.success(t('disclosure.unit.saved')); }, onError: (e) => report(e, form),
        }))}>
        <Form form={form} layout="vertical">
          <Form.Item name="programmeId" label={t('disclosure.model.programme')} rules={[{ required: true }]}>
            <Select options={(data?.programmes ?? []).filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="villageId" label={t('disclosure.model.village')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
          <Form.Item name="note" label={t('disclosure.model.note')} rules={[{ max: 500 }]}><Input.TextArea autoSize /></Form.Item>
        </Form>
      </Modal>
      <Modal open={managing} title={t('disclosure.model.programmes')} width={760} onCancel={() => setManaging(false)}
        footer={<Space><Button onClick={() => setManaging(false)}>{t('disclosure.common.close')}</Button><Button type="primary" onClick={() => { pForm.resetFields(); setProgrammeForm('new'); }}>{t('disclosure.model.newProgramme')}</Button></Space>}>
        <Table<Programme> rowKey="id" size="small" pagination={false} dataSource={data?.programmes ?? []} columns={[
          { title: t('disclosure.model.programmeName'), dataIndex: 'name' },
          { title: t('disclosure.model.criteria'), key: 'criteria', render: (_, p) => <span title={p.criteria.join('\n')}>{t('disclosure.model.criteriaCount', { count: p.criteria.length })}</span> },
          { title: t('disclosure.model.status'), key: 'status', render: (_, p) => (p.archived ? <Tag>{t('disclosure.model.archived')}</Tag> : <Tag color="green">{t('disclosure.model.inUse')}</Tag>) },
          {
            title: t('disclosure.common.actions'), key: 'actions', render: (_, p) => (
              <Space>
                <Button size="small" aria-label={`${t('disclosure.model.editProgramme')} ${p.name}`} onClick={() => { pForm.setFieldsValue({ name: p.name, criteria: p.criteria.join('\n') }); setProgrammeForm(p); }}>
                  {t('disclosure.model.edit')}
                </Button>
                {p.archived ? (
                  <Button size="small" aria-label={`${t('disclosure.model.restore')} ${p.name}`} onClick={() => updateProgramme.mutate({ id: p.id, archived: false }, {
                    onSuccess: () => void message.success(t('disclosure.model.programmeRestored', { name: p.name })), onError: (e) => report(e),
                  })}>{t('disclosure.model.restore')}</Button>
                ) : (
                  <Popconfirm title={t('disclosure.model.confirmArchive', { name: p.name })} okText={t('disclosure.common.ok')} cancelText={t('disclosure.common.cancel')}
                    onConfirm={() => updateProgramme.mutateAsync({ id: p.id, archived: true }).then(() => void message.success(t('disclosure.model.programmeArchived', { name: p.name })), (e: unknown) => report(e))}>
                    <Button size="small" danger aria-label={`${t('disclosure.model.archive')} ${p.name}`}>{t('disclosure.model.archive')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]} />
      </Modal>
      <Modal open={programmeForm !== null} title={t(programmeForm === 'new' ? 'disclosure.model.newProgramme' : 'disclosure.model.editProgramme')}
        // Opened from the programmes dialog, whose portal mounts later: keep this one above it.
        zIndex={1100} confirmLoading={createProgramme.isPending || updateProgramme.isPending} onCancel={() => setProgrammeForm(null)} forceRender
        onOk={() => void pForm.validateFields().then((v: { name: string; criteria: string }) => {
          const input = { name: v.name, criteria: v.criteria.split('\n').map((c) => c.trim()).filter(Boolean) };
          const done = { onSuccess: () => { setProgrammeForm(null); pForm.resetFields(); void message.success(t('disclosure.model.programmeSaved')); }, onError: (e: unknown) => report(e, pForm) };
          if (programmeForm === 'new') createProgramme.mutate(input, done);
          else if (programmeForm) updateProgramme.mutate({ id: programmeForm.id, ...input }, done);
        })}>
        <Form form={pForm} layout="vertical">
          <Form.Item name="name" label={t('disclosure.model.programmeName')} rules={[{ required: true, max: 40 }]}><Input /></Form.Item>
          <Form.Item name="criteria" label={t('disclosure.model.programmeCriteria')} rules={[{ required: true }]}
            extra={programmeForm !== 'new' ? t('disclosure.model.criteriaHint') : undefined}><Input.TextArea autoSize={{ minRows: 4 }} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function EntryDetail({ entry, canManage }: { entry: ModelVillageEntry; canManage: boolean }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const update = useUpdateEntry();
  const criterion = useUpdateCriterion();
  const [evidence, setEvidence] = useState<Record<string, string>>(Object.fromEntries(entry.criteria.map((c) => [c.id, c.evidence ?? ''])));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Progress percent={entry.criteria.length ? Math.round((entry.met / entry.criteria.length) * 100) : 0} />
      {entry.note ? <Typography.Paragraph>{entry.note}</Typography.Paragraph> : null}
      {entry.criteria.map((c) => (
        <Flex key={c.id} gap={12} align="center" wrap>
          <Checkbox checked={c.isMet} disabled={!canManage} onChange={(e) => criterion.mutate({ id: c.id, isMet: e.target.checked, evidence: evidence[c.id] || null }, { onError: (err) => report(err) })}>
            {c.name}
          </Checkbox>
          {canManage ? (
            <>
              <Input aria-label={`${c.name} ${t('disclosure.model.evidence')}`} placeholder={t('disclosure.model.evidence')} style={{ maxWidth: 420 }} maxLength={1000}
                value={evidence[c.id]} onChange={(e) => setEvidence({ ...evidence, [c.id]: e.target.value })} />
              <Button size="small" onClick={() => criterion.mutate({ id: c.id, isMet: c.isMet, evidence: evidence[c.id] || null }, { onError: (err) => report(err) })}>{t('disclosure.model.saveCriterion')}</Button>
            </>
          ) : <Typography.Text type="secondary">{c.evidence ?? ''}</Typography.Text>}
        </Flex>
      ))}
      {canManage ? (
        <Space wrap>
          {STATUSES.filter((s) => s !== entry.status).map((s) => (
            <Button key={s} type={s === 'accepted' ? 'primary' : 'default'} loading={update.isPending} onClick={() => update.mutate({ id: entry.id, status: s }, { onError: (e) => report(e) })}>
              {t('disclosure.model.setStatus')}{t(`disclosure.model.statuses.${s}`)}
            </Button>
          ))}
        </Space>
      ) : null}
    </Space>
  );
}
