import { Alert, App, Button, Card, Descriptions, Flex, Input, InputNumber, List, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { currentLanguage } from '../../../app/i18n';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { downloadTemplate, useImportSheet, usePublishVillageDisclosure, useReviseVillageDisclosure, useSaveContent, useVillageDisclosure } from '../api';
import { VersionTag, yuan } from '../components/parts';
import type { AffairsItem, FinanceLine, VillageDisclosure } from '../types';

const toFen = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100));
const toYuan = (v: number | null) => (v === null ? null : v / 100);

/** One period's village affairs and finance: entered here or imported from the template, checked, published. */
export default function VillageDisclosurePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useVillageDisclosure(id);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Card loading />;
  return <DisclosureEditor key={`${q.data.id}:${q.data.updatedAt}`} d={q.data} t={t} />;
}

function DisclosureEditor({ d, t }: { d: VillageDisclosure; t: ReturnType<typeof useTranslation>['t'] }) {
  const { message } = App.useApp();
  const report = useErrorReporter();
  const navigate = useNavigate();
  const save = useSaveContent(d.id);
  const importSheet = useImportSheet(d.id);
  const publish = usePublishVillageDisclosure();
  const revise = useReviseVillageDisclosure();
  const editable = d.canMaintain && d.status === 'draft';
  const [items, setItems] = useState<AffairsItem[]>(d.items);
  const [lines, setLines] = useState<FinanceLine[]>(d.lines);
  const [opening, setOpening] = useState<number | null>(toYuan(d.openingBalance));
  const [closing, setClosing] = useState<number | null>(toYuan(d.closingBalance));
  const [importError, setImportError] = useState<ApiError | null>(null);
  useEffect(() => setImportError(null), [d.updatedAt]);
  const en = currentLanguage() === 'en-US';
  const period = en ? d.periodLabelEn : d.periodLabel;

  const totals = useMemo(() => {
    const income = lines.filter((l) => l.direction === 'income').reduce((s, l) => s + l.amount, 0);
    const expense = lines.filter((l) => l.direction === 'expense').reduce((s, l) => s + l.amount, 0);
    const o = toFen(opening);
    return { income, expense, expected: o === null ? null : o + income - expense };
  }, [lines, opening]);
  const closingFen = toFen(closing);
  const balanced = totals.expected !== null && closingFen === totals.expected;

  const onSave = () => save.mutate({ items, openingBalance: toFen(opening), closingBalance: closingFen, lines }, {
    onSuccess: () => void message.success(t('disclosure.unit.saved')), onError: (e) => report(e),
  });

  return (
    <>
      <PageHeader title={t('disclosure.vd.title', { village: d.village.name, period })} extra={(
        <Space wrap>
          <VersionTag status={d.status} />
          <span>{t('disclosure.vd.version', { version: d.version })}</span>
          {d.publishedOn ? <span>{t('disclosure.vd.publishedOn', { date: d.publishedOn })}</span> : null}
          {d.supersededOn ? <span>{t('disclosure.vd.supersededOn', { date: d.supersededOn })}</span> : null}
          <Link to={`/disclosure/villages/${d.village.id}?year=${d.periodStart.slice(0, 4)}`}>{d.village.name}</Link>
        </Space>
      )}>
        <p className="page-intro">{d.periodStart} — {d.periodEnd}{d.sourceFileName ? ` · ${t('disclosure.vd.source', { name: d.sourceFileName })}` : ''}</p>
      </PageHeader>

      {editable ? (
        <Card style={{ marginBottom: 16 }}>
          <Flex gap={12} wrap align="center">
            <Button onClick={() => void downloadTemplate(d.id).catch((e: unknown) => report(e))}>{t('disclosure.vd.template')}</Button>
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => {
              importSheet.mutate(file, {
                onSuccess: (r) => { setImportError(null); void message.success(t('disclosure.vd.imported', { income: yuan(r.totalIncome), expense: yuan(r.totalExpense) })); },
                onError: (e) => { setImportError(e instanceof ApiError ? e : null); report(e); },
              });
              return false;
            }}>
              <Button type="primary" loading={importSheet.isPending}>{t('disclosure.vd.import')}</Button>
            </Upload>
            <Typography.Text type="secondary">{t('disclosure.vd.importHelp')}</Typography.Text>
          </Flex>
          {importError ? (
            <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={errorMessage(t, importError)}
              description={importError.fields.length ? (
                <List size="small" header={t('disclosure.vd.problems')} dataSource={importError.fields}
                  renderItem={(f) => <List.Item><Typography.Text code>{f.path}</Typography.Text> {f.message}</List.Item>} />
              ) : undefined} />
          ) : null}
        </Card>
      ) : null}

      <Card title={t('disclosure.vd.affairs')} style={{ marginBottom: 16 }} extra={editable ? <Button onClick={() => setItems([...items, { title: '', content: '' }])}>{t('disclosure.vd.addItem')}</Button> : undefined}>
        {items.length === 0 ? <Typography.Text type="secondary">{t('disclosure.vd.noItems')}</Typography.Text> : editable ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            {items.map((it, i) => (
              <Flex key={i} gap={8} align="start">
                <Input aria-label={`${t('disclosure.vd.itemTitle')} ${i + 1}`} placeholder={t('disclosure.vd.itemTitle')} style={{ width: 220 }} maxLength={100} value={it.title}
                  onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
                <Input.TextArea aria-label={`${t('disclosure.vd.itemContent')} ${i + 1}`} placeholder={t('disclosure.vd.itemContent')} autoSize maxLength={5000} value={it.content}
                  onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, content: e.target.value } : x)))} />
                <Button danger onClick={() => setItems(items.filter((_, j) => j !== i))}>{t('disclosure.vd.remove')}</Button>
              </Flex>
            ))}
          </Space>
        ) : (
          <Descriptions column={1} bordered size="small" items={items.map((it, i) => ({ key: String(i), label: it.title, children: <span style={{ whiteSpace: 'pre-wrap' }}>{it.content}</span> }))} />
        )}
      </Card>

      <Card title={t('disclosure.vd.finance')} style={{ marginBottom: 16 }} extra={editable ? <Button onClick={() => setLines([...lines, { direction: 'income', category: '', description: null, amount: 0 }])}>{t('disclosure.vd.addLine')}</Button> : undefined}>
        <Flex gap={24} wrap style={{ marginBottom: 12 }}>
          <label>{t('disclosure.vd.opening')}{' '}
            {editable ? <InputNumber aria-label={t('disclosure.vd.opening')} min={0} precision={2} value={opening} onChange={(v) => setOpening(v)} style={{ width: 160 }} /> : <strong>{yuan(d.openingBalance)}</strong>}
          </label>
          <span>{t('disclosure.vd.totalIncome')} <strong>{yuan(totals.income)}</strong></span>
          <span>{t('disclosure.vd.totalExpense')} <strong>{yuan(totals.expense)}</strong></span>
          <label>{t('disclosure.vd.closing')}{' '}
            {editable ? <InputNumber aria-label={t('disclosure.vd.closing')} min={0} precision={2} value={closing} onChange={(v) => setClosing(v)} style={{ width: 160 }} /> : <strong>{yuan(d.closingBalance)}</strong>}
          </label>
        </Flex>
        {totals.expected !== null ? (
          <Alert style={{ marginBottom: 12 }} type={balanced ? 'success' : 'warning'} showIcon
            title={balanced ? `${t('disclosure.vd.balanced')} · ${t('disclosure.vd.expectedClosing', { amount: yuan(totals.expected) })}` : t('disclosure.vd.unbalanced', { amount: yuan(totals.expected) })} />
        ) : null}
        <Table rowKey={(_, i) => String(i)} size="small" pagination={false} dataSource={lines} locale={{ emptyText: t('disclosure.vd.noLines') }} columns={[
          {
            title: t('disclosure.vd.direction'), key: 'dir', width: 110, render: (_, l, i) => editable
              ? <Select aria-label={t('disclosure.vd.direction')} value={l.direction} style={{ width: 90 }} onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, direction: v } : x)))}
                options={[{ value: 'income', label: t('disclosure.vd.income') }, { value: 'expense', label: t('disclosure.vd.expense') }]} />
              : t(`disclosure.vd.${l.direction}`),
          },
          {
            title: t('disclosure.vd.category'), key: 'cat', render: (_, l, i) => editable
              ? <Input aria-label={t('disclosure.vd.category')} maxLength={60} value={l.category} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, category: e.target.value } : x)))} />
              : l.category,
          },
          {
            title: t('disclosure.vd.description'), key: 'desc', render: (_, l, i) => editable
              ? <Input aria-label={t('disclosure.vd.description')} maxLength={200} value={l.description ?? ''} onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))} />
              : l.description,
          },
          {
            title: t('disclosure.vd.amount'), key: 'amt', width: 170, align: 'right', render: (_, l, i) => editable
              ? <InputNumber aria-label={t('disclosure.vd.amount')} min={0} precision={2} value={l.amount / 100} onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, amount: toFen(v) ?? 0 } : x)))} />
              : yuan(l.amount),
          },
          ...(editable ? [{ title: t('disclosure.common.actions'), key: 'rm', width: 80, render: (_: unknown, __: FinanceLine, i: number) => <Button size="small" danger onClick={() => setLines(lines.filter((_x, j) => j !== i))}>{t('disclosure.vd.remove')}</Button> }] : []),
        ]} />
      </Card>

      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        {editable ? <Button loading={save.isPending} onClick={onSave}>{t('disclosure.vd.save')}</Button> : null}
        {editable ? (
          <Popconfirm title={t('disclosure.vd.confirmPublish')} onConfirm={() => publish.mutate(d.id, {
            onSuccess: (r) => {
              if (!r.laterPeriodsToCorrect.length) return void message.success(t('disclosure.unit.publishedOk'));
              const periods = r.laterPeriodsToCorrect.map((p) => (en ? p.labelEn : p.label)).join(en ? ', ' : '、');
              void message.warning({ content: t('disclosure.vd.laterToCorrect', { periods }), duration: 12 });
            },
            onError: (e) => report(e),
          })}>
            <Button type="primary" loading={publish.isPending}>{t('disclosure.vd.publish')}</Button>
          </Popconfirm>
        ) : null}
        {d.canMaintain && d.status === 'published' ? (
          <Button onClick={() => revise.mutate(d.id, { onSuccess: (n) => void navigate(`/disclosure/village-disclosures/${n.id}`), onError: (e) => report(e) })}>{t('disclosure.vd.revise')}</Button>
        ) : null}
      </Flex>

      {d.versions.length > 1 ? (
        <Card title={t('disclosure.vd.history')}>
          <List size="small" dataSource={d.versions} renderItem={(v) => (
            <List.Item>
              <Space>
                {v.id === d.id ? <strong>{t('disclosure.vd.version', { version: v.version })}</strong> : <Link to={`/disclosure/village-disclosures/${v.id}`}>{t('disclosure.vd.version', { version: v.version })}</Link>}
                <VersionTag status={v.status} />{v.publishedOn}
              </Space>
            </List.Item>
          )} />
        </Card>
      ) : null}
    </>
  );
}
