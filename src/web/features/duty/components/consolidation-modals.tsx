import { App, Checkbox, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useDeputyBriefs } from '../../deputies/api';
import { useAddToConsolidation, useConsolidationToSuggestion, useCreateConsolidation, useDissolveConsolidation, useOpinions, useUpdateConsolidation } from '../api';
import type { Consolidation, Opinion } from '../types';
import { useCategoryOptions } from './opinion-form-modal';

/** The category most of the opinions share, to start from. */
function commonCategory(opinions: Opinion[]): string | undefined {
  const counts = new Map<string, number>();
  for (const o of opinions) if (o.category) counts.set(o.category, (counts.get(o.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

interface Values {
  title: string;
  summary: string;
  category?: string;
}

/**
 * 归纳: a consolidated item of chosen opinions (title, summary, category), or an item's own
 * fields when editing. Title and summary start from the proposal; staff rewrite them.
 */
export function ConsolidateModal({ opinions, suggestedTitle, consolidation, onClose, onDone }: {
  opinions: Opinion[];
  suggestedTitle?: string;
  consolidation?: Consolidation;
  onClose: () => void;
  onDone?: (c: Consolidation) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const [form] = Form.useForm<Values>();
  const create = useCreateConsolidation(township.id);
  const update = useUpdateConsolidation();
  const categories = useCategoryOptions();
  const initialValues: Values = consolidation
    ? { title: consolidation.title, summary: consolidation.summary, category: consolidation.category ?? undefined }
    : {
      title: suggestedTitle ? t('duty.consolidation.titleFrom', { text: suggestedTitle }).slice(0, 100) : '',
      summary: t('duty.consolidation.summaryFrom', { count: opinions.length, text: opinions.map((o) => o.content).join(t('duty.common.semicolon')) }).slice(0, 5000),
      category: commonCategory(opinions),
    };
  const onFinish = (v: Values) => {
    const body = { title: v.title.trim(), summary: v.summary.trim(), category: v.category ?? null };
    const done = { onSuccess: (c: Consolidation) => { void message.success(t('duty.consolidation.saved')); onDone?.(c); onClose(); }, onError: (err: unknown) => report(err, form) };
    if (consolidation) update.mutate({ id: consolidation.id, ...body }, done);
    else create.mutate({ ...body, opinionIds: opinions.map((o) => o.id) }, done);
  };
  return (
    <Modal
      open
      title={consolidation ? t('duty.consolidation.editTitle') : t('duty.consolidation.createTitle', { count: opinions.length })}
      okText={consolidation ? t('common.save') : t('duty.consolidation.createOk')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
      className="duty-modal"
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} requiredMark="optional">
        <Form.Item name="title" label={t('duty.consolidation.itemTitle')} rules={[{ required: true, whitespace: true, message: t('duty.consolidation.titleRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="summary" label={t('duty.consolidation.summary')} rules={[{ required: true, whitespace: true, message: t('duty.consolidation.summaryRequired') }]}>
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Form.Item name="category" label={t('duty.fields.category')}>
          <Select allowClear options={categories} />
        </Form.Item>
      </Form>
      {!consolidation ? (
        <>
          <h3 className="duty-h3">{t('duty.consolidation.members', { count: opinions.length })}</h3>
          <ul className="duty-plain-list duty-small">{opinions.map((o) => <li key={o.id}>{o.content}<span className="duty-muted">{o.villageName ? ` · ${o.villageName}` : ''}</span></li>)}</ul>
        </>
      ) : null}
    </Modal>
  );
}

/** 并入意见: more open opinions of the year into an item. */
export function AddOpinionsModal({ consolidation, onClose }: { consolidation: Consolidation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const open = useOpinions(township.id, { year: consolidation.year, status: 'open' }, 1, 500);
  const add = useAddToConsolidation();
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Modal
      open
      title={t('duty.consolidation.addTitle', { title: consolidation.title })}
      okText={t('duty.consolidation.addOk', { count: selected.length })}
      okButtonProps={{ disabled: selected.length === 0 }}
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => add.mutate({ id: consolidation.id, opinionIds: selected }, { onSuccess: () => { void message.success(t('duty.consolidation.saved')); onClose(); }, onError: (err) => report(err) })}
      width={760}
      destroyOnHidden
      className="duty-modal"
    >
      <Table<Opinion>
        rowKey="id"
        size="small"
        loading={open.isFetching}
        dataSource={open.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('duty.fields.content'), dataIndex: 'content' },
          { title: t('duty.fields.village'), dataIndex: 'villageName', width: 120 },
          { title: t('duty.fields.receivedOn'), dataIndex: 'receivedOn', width: 104 },
        ]}
      />
    </Modal>
  );
}

/**
 * 合并: moves every opinion of this item into another item of the year. Two steps on the server
 * (dissolve, then merge): if the second fails the opinions are open again, nothing is lost.
 */
export function MergeModal({ consolidation, others, onClose }: { consolidation: Consolidation; others: Consolidation[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const dissolve = useDissolveConsolidation();
  const add = useAddToConsolidation();
  const [target, setTarget] = useState<string>();
  const onOk = async () => {
    if (!target) return;
    try {
      await dissolve.mutateAsync(consolidation.id);
      await add.mutateAsync({ id: target, opinionIds: consolidation.opinions.map((o) => o.id) });
      void message.success(t('duty.consolidation.merged'));
      onClose();
    } catch (err) {
      report(err);
    }
  };
  return (
    <Modal
      open
      title={t('duty.consolidation.mergeTitle', { title: consolidation.title })}
      okText={t('duty.consolidation.merge')}
      okButtonProps={{ disabled: !target }}
      confirmLoading={dissolve.isPending || add.isPending}
      onCancel={onClose}
      onOk={() => void onOk()}
      destroyOnHidden
      className="duty-modal"
    >
      <p>{t('duty.consolidation.mergeIntro', { count: consolidation.opinionCount })}</p>
      <Select
        aria-label={t('duty.consolidation.mergeTarget')}
        placeholder={t('duty.consolidation.mergeTarget')}
        className="duty-full"
        value={target}
        onChange={setTarget}
        options={others.map((c) => ({ value: c.id, label: t('duty.consolidation.mergeOption', { title: c.title, count: c.opinionCount }) }))}
      />
    </Modal>
  );
}

interface SuggestionValues {
  authorDeputyId: string;
  title: string;
  isPublic: boolean;
}

/**
 * 转为建议: the item becomes a suggestion by the chosen deputy, entered by the office and
 * submitted for 立案; its opinions keep the link and show the outcome.
 */
export function ToSuggestionModal({ consolidation, onClose }: { consolidation: Consolidation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const [form] = Form.useForm<SuggestionValues>();
  const deputies = useDeputyBriefs(township.id, { level: 'township', current: true });
  const toSuggestion = useConsolidationToSuggestion();
  // The deputies who collected the opinions first: they met the residents.
  const collectors = new Set(consolidation.opinions.map((o) => o.deputyId).filter(Boolean));
  const options = [...(deputies.data ?? [])].filter((d) => d.isServing)
    .sort((a, b) => Number(collectors.has(b.id)) - Number(collectors.has(a.id)))
    .map((d) => ({ value: d.id, label: collectors.has(d.id) ? t('duty.consolidation.collector', { name: d.name }) : d.name }));
  const onFinish = (v: SuggestionValues) => toSuggestion.mutate(
    { id: consolidation.id, authorDeputyId: v.authorDeputyId, title: v.title.trim(), isPublic: v.isPublic },
    {
      onSuccess: (c) => { void message.success(t('duty.consolidation.suggested', { refNo: c.suggestion?.refNo ?? '' })); onClose(); },
      onError: (err) => report(err, form),
    },
  );
  return (
    <Modal
      open
      title={t('duty.consolidation.toSuggestionTitle')}
      okText={t('duty.consolidation.toSuggestionOk')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={toSuggestion.isPending}
      destroyOnHidden
      className="duty-modal"
    >
      <p className="duty-muted">{t('duty.consolidation.toSuggestionIntro', { count: consolidation.opinionCount })}</p>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ title: consolidation.title, isPublic: false }} requiredMark="optional">
        <Form.Item name="authorDeputyId" label={t('duty.consolidation.author')} rules={[{ required: true, message: t('duty.consolidation.authorRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={deputies.isPending} />
        </Form.Item>
        <Form.Item name="title" label={t('duty.consolidation.suggestionTitle')} rules={[{ required: true, whitespace: true, message: t('duty.consolidation.titleRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="isPublic" valuePropName="checked">
          <Checkbox>{t('duty.consolidation.isPublic')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
