import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { api } from '../../../app/api/client';
import { useQuery } from '@tanstack/react-query';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useArchiveComplaint, useComplaints, useSaveComplaint } from '../api';
import type { Complaint, ComplaintKind } from '../types';

const KINDS: ComplaintKind[] = ['complaint', 'reconsideration', 'lawsuit'];

/** 投诉、行政复议、行政诉讼 caused by administrative acts: the register and the yearly count per unit. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const q = useComplaints(township.id, year);
  const units = useQuery({ queryKey: ['units', township.id], queryFn: ({ signal }) => api.get<{ items: { id: string; name: string; type: string }[] }>(`/api/v1/townships/${township.id}/units`, { signal }) });
  const save = useSaveComplaint(township.id);
  const archive = useArchiveComplaint();
  const [editing, setEditing] = useState<Complaint | 'new' | null>(null);
  const [form] = Form.useForm();
  const l = q.data;

  const open = (c: Complaint | 'new') => {
    setEditing(c);
    form.setFieldsValue(c === 'new' ? { kind: 'complaint', receivedOn: dayjs(), unitId: undefined, cause: '', outcome: '', concludedOn: null }
      : { ...c, receivedOn: dayjs(c.receivedOn), concludedOn: c.concludedOn ? dayjs(c.concludedOn) : null });
  };
  const submit = () => void form.validateFields().then((v: { unitId: string; kind: ComplaintKind; receivedOn: dayjs.Dayjs; cause: string; outcome?: string; concludedOn?: dayjs.Dayjs | null }) => {
    const input = { unitId: v.unitId, kind: v.kind, receivedOn: v.receivedOn.format('YYYY-MM-DD'), cause: v.cause, outcome: v.outcome || null, concludedOn: v.concludedOn ? v.concludedOn.format('YYYY-MM-DD') : null };
    save.mutate({ id: editing === 'new' ? undefined : editing!.id, input }, {
      onSuccess: () => { void message.success(t('disclosure.unit.saved')); setEditing(null); }, onError: (e) => report(e, form),
    });
  });

  return (
    <>
      <PageHeader title={t('disclosure.complaints.title')} extra={(
        <Space>
          <YearSelect value={year} onChange={setYear} />
          {l?.canManage ? <Button type="primary" onClick={() => open('new')}>{t('disclosure.complaints.add')}</Button> : null}
        </Space>
      )}>
        <p className="page-intro">{t('disclosure.complaints.intro')}</p>
      </PageHeader>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <>
          <Card loading={q.isPending} style={{ marginBottom: 16 }} title={t('disclosure.complaints.byUnit')}>
            {l && l.items.length === 0 ? <p>{t('disclosure.complaints.none')}</p> : (
              <Table rowKey="unitId" size="small" pagination={false} dataSource={l?.byUnit ?? []}
                summary={() => l ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('disclosure.complaints.total')}</Table.Summary.Cell>
                    {KINDS.map((k, i) => <Table.Summary.Cell key={k} index={i + 1}>{l.byKind[k]}</Table.Summary.Cell>)}
                    <Table.Summary.Cell index={4}>{l.items.length}</Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null}
                columns={[
                  { title: t('disclosure.complaints.unit'), dataIndex: 'unitName' },
                  ...KINDS.map((k) => ({ title: t(`disclosure.complaints.kinds.${k}`), dataIndex: k, width: 110 })),
                  { title: t('disclosure.complaints.total'), dataIndex: 'total', width: 90 },
                ]} />
            )}
          </Card>
          <Card loading={q.isPending}>
            <Table rowKey="id" dataSource={l?.items ?? []} pagination={false} columns={[
              { title: t('disclosure.complaints.receivedOn'), dataIndex: 'receivedOn', width: 120 },
              { title: t('disclosure.complaints.kind'), dataIndex: 'kind', width: 110, render: (k: ComplaintKind) => <Tag>{t(`disclosure.complaints.kinds.${k}`)}</Tag> },
              { title: t('disclosure.complaints.unit'), dataIndex: 'unitName', width: 160 },
              { title: t('disclosure.complaints.cause'), dataIndex: 'cause' },
              { title: t('disclosure.complaints.outcome'), key: 'o', render: (_, c) => c.outcome ? `${c.outcome}${c.concludedOn ? `（${c.concludedOn}）` : ''}` : <Tag color="gold">{t('disclosure.complaints.pending')}</Tag> },
              ...(l?.canManage ? [{
                title: t('disclosure.common.actions'), key: 'a', width: 150, render: (_: unknown, c: Complaint) => (
                  <Space>
                    <Button size="small" onClick={() => open(c)}>{t('disclosure.complaints.edit')}</Button>
                    <Popconfirm title={t('disclosure.complaints.confirmRemove')} onConfirm={() => archive.mutate(c.id, { onError: (e) => report(e) })}>
                      <Button size="small" danger>{t('disclosure.complaints.remove')}</Button>
                    </Popconfirm>
                  </Space>
                ),
              }] : []),
            ]} />
          </Card>
        </>
      )}
      <Modal open={editing !== null} title={editing === 'new' ? t('disclosure.complaints.add') : t('disclosure.complaints.edit')} confirmLoading={save.isPending} onCancel={() => setEditing(null)} onOk={submit} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="unitId" label={t('disclosure.complaints.unit')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={(units.data?.items ?? []).filter((u) => u.type !== 'village_committee').map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('disclosure.complaints.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`disclosure.complaints.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="receivedOn" label={t('disclosure.complaints.receivedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="cause" label={t('disclosure.complaints.cause')} rules={[{ required: true, max: 1000 }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
          <Form.Item name="outcome" label={t('disclosure.complaints.outcome')} rules={[{ max: 2000 }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
          <Form.Item name="concludedOn" label={t('disclosure.complaints.concludedOn')}><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
