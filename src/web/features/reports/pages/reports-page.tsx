import { DownloadOutlined, EyeOutlined, SendOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api/errors';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { recentYears, thisYear } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import {
  downloadReport, previewDraft, useArchiveTemplate, useGenerated, useNarratives, usePublishSummary, useResetNarrative, useSaveNarrative,
  useSummaryPreview, useTemplates, useUploadTemplate, useYearFacts,
} from '../api';
import type { Fact, FactRow, GeneratedReport, ReportTemplate, SectionNarrative, SummaryPreview } from '../types';
import '../reports.css';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const cell = (v: FactRow[string]) => (v === null ? '' : typeof v === 'string' && DAY.test(v) ? v : String(v));
/** A list row in one line: its title or name first, then the rest. */
const rowLine = (r: FactRow) => {
  const main = r.title ?? r.name ?? r.label ?? r.deputy ?? r.leader ?? null;
  const rest = Object.entries(r).filter(([k, v]) => v !== null && v !== '' && !['title', 'name', 'label', 'kind', 'category'].includes(k) && v !== main).map(([, v]) => cell(v));
  return [main === null ? null : String(main), ...rest].filter(Boolean).join(' · ');
};

/** The year's figures, the year-end summary and the other reports (issue 9). */
export default function ReportsPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const [params, setParams] = useSearchParams();
  // The year-end summary is written in the first weeks of the next year: last year by default.
  const year = Number(params.get('year')) || thisYear() - 1;
  const tab = params.get('tab') ?? 'facts';
  const set = (patch: Record<string, string>) => setParams({ year: String(year), tab, ...patch }, { replace: true });
  const years = recentYears().concat(thisYear() - 6, thisYear() - 7);

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        extra={(
          <YearSelect years={years} value={year} onChange={(y) => set({ year: String(y) })} style={{ width: 140 }} />
        )}
      >
        <p className="page-intro">{t('reports.intro')}</p>
      </PageHeader>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'facts', label: t('reports.tabs.facts'), children: <FactsTab townshipId={township.id} year={year} /> },
          { key: 'summary', label: t('reports.tabs.summary'), children: <SummaryTab townshipId={township.id} year={year} /> },
          { key: 'documents', label: t('reports.tabs.documents'), children: <DocumentsTab townshipId={township.id} year={year} /> },
          { key: 'templates', label: t('reports.tabs.templates'), children: <TemplatesTab townshipId={township.id} year={year} /> },
          { key: 'catalogue', label: t('reports.tabs.catalogue'), children: <CatalogueTab townshipId={township.id} year={year} /> },
        ]}
      />
    </>
  );
}

function FactsTab({ townshipId, year }: { townshipId: string; year: number }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const facts = useYearFacts(townshipId, year);
  const en = i18n.language.startsWith('en');
  if (facts.isError) return <QueryError error={facts.error} onRetry={() => void facts.refetch()} />;
  const columns: TableColumnsType<Fact> = [
    { title: t('reports.catalogue.label'), key: 'label', width: '34%', render: (_, f) => (en ? f.labelEn : f.label) },
    {
      title: t('reports.catalogue.value'), key: 'value',
      render: (_, f) => (Array.isArray(f.value)
        ? f.value.length ? <ul className="reports-fact-rows">{f.value.slice(0, 12).map((r, i) => <li key={i}>{rowLine(r)}</li>)}</ul> : <Typography.Text type="secondary">{t('reports.facts.none')}</Typography.Text>
        : <strong>{f.display}</strong>),
    },
    {
      title: t('reports.facts.viewRecords'), key: 'records', width: 150,
      render: (_, f) => (f.link && f.records
        ? <Button type="link" size="small" onClick={() => void navigate(f.link!.replace(/^\/app(?=\/)/, ''))} aria-label={`${t('reports.facts.viewRecords')}：${en ? f.labelEn : f.label}`}>
          {t('reports.facts.records', { count: f.records.count })}
        </Button>
        : null),
    },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {(facts.data?.sections ?? []).map((s) => (
        <Card key={s.key} title={en ? s.titleEn : s.title} size="small" loading={facts.isPending} data-section={s.key}>
          {s.available ? (
            <Table<Fact> rowKey="key" size="small" pagination={false} columns={columns} dataSource={s.facts} />
          ) : (
            <Alert type="warning" showIcon message={t('reports.facts.notInstalled')} />
          )}
        </Card>
      ))}
    </Space>
  );
}

function Preview({ doc, testId }: { doc: SummaryPreview; testId: string }) {
  return (
    <div className="reports-preview" data-testid={testId} tabIndex={0} role="region" aria-label={doc.title}>
      <h2>{doc.title}</h2>
      {doc.blocks.map((b, i) => (b.type === 'table' ? null : <p key={i} className={b.type === 'heading1' ? 'h1' : b.type === 'heading2' ? 'h2' : undefined}>{b.text}</p>))}
      <p className="sign" style={{ marginTop: '1.9em' }}>{doc.signature}</p>
      <p className="sign">{doc.date}</p>
    </div>
  );
}

function SectionEditor({ section, townshipId, year, canEdit, onPreview }: { section: SectionNarrative; townshipId: string; year: number; canEdit: boolean; onPreview: (doc: SummaryPreview) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ heading: string | null; body: string }>();
  const save = useSaveNarrative(townshipId, year);
  const reset = useResetNarrative(townshipId, year);
  useEffect(() => { form.setFieldsValue({ heading: section.heading, body: section.body }); }, [form, section.heading, section.body]);
  const name = t(`reports.summary.sectionNames.${section.key}` as 'reports.summary.sectionNames.preamble', { defaultValue: section.key });
  const fail = (err: unknown) => void message.error(errorMessage(t, err));
  return (
    <Card
      size="small" className="reports-section-card" data-section={section.key}
      title={<Space>{name}{section.isCustom ? <Tag color="blue">{t('reports.summary.custom')}</Tag> : <Tag>{t('reports.summary.default')}</Tag>}</Space>}
    >
      <Form form={form} name={`narrative-${section.key}`} layout="vertical" disabled={!canEdit} initialValues={{ heading: section.heading, body: section.body }}
        onFinish={(v) => save.mutate({ section: section.key, heading: section.defaultHeading === null ? null : v.heading, body: v.body }, {
          onSuccess: () => void message.success(t('reports.summary.saved', { section: name })), onError: fail,
        })}
      >
        {section.defaultHeading !== null ? (
          <Form.Item name="heading" label={t('reports.summary.heading')}><Input maxLength={100} /></Form.Item>
        ) : null}
        <Form.Item name="body" label={t('reports.summary.body')}><Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} /></Form.Item>
        <Space wrap>
          {canEdit ? <Button type="primary" htmlType="submit" loading={save.isPending}>{t('reports.summary.save')}</Button> : null}
          <Button icon={<EyeOutlined aria-hidden />} onClick={() => {
            const v = form.getFieldsValue();
            previewDraft(townshipId, year, { section: section.key, heading: section.defaultHeading === null ? null : v.heading, body: v.body ?? '' }).then(onPreview, fail);
          }}>{t('reports.summary.previewDraft')}</Button>
          {canEdit && section.isCustom ? (
            <Popconfirm title={t('reports.summary.resetConfirm')} onConfirm={() => reset.mutate(section.key, { onSuccess: () => void message.success(t('reports.summary.resetDone')), onError: fail })}>
              <Button icon={<UndoOutlined aria-hidden />}>{t('reports.summary.reset')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Form>
    </Card>
  );
}

function SummaryTab({ townshipId, year }: { townshipId: string; year: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const narratives = useNarratives(townshipId, year);
  const preview = useSummaryPreview(townshipId, year);
  const publish = usePublishSummary(townshipId, year);
  const [draft, setDraft] = useState<SummaryPreview | null>(null);
  const canEdit = can('report.manage');
  if (narratives.isError) return <QueryError error={narratives.error} onRetry={() => void narratives.refetch()} />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void downloadReport('/api/v1/reports/summary.docx', { year, townshipId }, `${year}年工作总结.docx`).catch((e: unknown) => void message.error(errorMessage(t, e)))}>
          {t('reports.documents.summary')} · {t('reports.documents.download')}
        </Button>
        {canEdit ? (
          <Popconfirm title={t('reports.summary.publishConfirm')} onConfirm={() => publish.mutate(undefined, {
            onSuccess: (r) => void modal.success({ title: t('reports.summary.published'), content: <a href={r.url} target="_blank" rel="noreferrer">{t('reports.summary.openArticle')}</a> }),
            onError: (e) => void message.error(errorMessage(t, e)),
          })}>
            <Button icon={<SendOutlined aria-hidden />} loading={publish.isPending}>{t('reports.summary.publish')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      <div className="reports-layout">
        <div>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('reports.summary.sectionsHint', { field: '{{字段}}', example: '{{suggestions.received}}', interpolation: { escapeValue: false } })} />
          {(narratives.data?.items ?? []).map((s) => (
            <SectionEditor key={s.key} section={s} townshipId={townshipId} year={year} canEdit={canEdit} onPreview={setDraft} />
          ))}
        </div>
        <Card size="small" title={t('reports.summary.previewTitle')}>
          {preview.isError ? <QueryError error={preview.error} onRetry={() => void preview.refetch()} /> : preview.data ? <Preview doc={preview.data} testId="summary-preview" /> : null}
        </Card>
      </div>
      <Modal open={draft !== null} onCancel={() => setDraft(null)} footer={null} width={820} destroyOnHidden title={t('reports.summary.previewDraft')}>
        {draft ? <Preview doc={draft} testId="draft-preview" /> : null}
      </Modal>
    </>
  );
}

function DocumentsTab({ townshipId, year }: { townshipId: string; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const generated = useGenerated(townshipId, year);
  const fail = (e: unknown) => void message.error(errorMessage(t, e));
  const docs = [
    { key: 'summary', path: '/api/v1/reports/summary.docx', title: t('reports.documents.summary'), hint: t('reports.documents.summaryHint') },
    { key: 'presidium', path: '/api/v1/reports/presidium-report.docx', title: t('reports.documents.presidiumReport'), hint: t('reports.documents.presidiumReportHint') },
    { key: 'annex', path: '/api/v1/reports/annex.docx', title: t('reports.documents.annex'), hint: t('reports.documents.annexHint') },
    ...(can('suggestion.read') ? [{ key: 'handling', path: `/api/v1/townships/${encodeURIComponent(townshipId)}/suggestions/handling-report.docx`, title: t('reports.documents.handlingReport'), hint: t('reports.documents.handlingReportHint') }] : []),
  ];
  const columns: TableColumnsType<GeneratedReport> = [
    { title: t('reports.documents.kind'), dataIndex: 'kind', width: 140, render: (k: string) => t(`reports.documents.kinds.${k}` as 'reports.documents.kinds.summary', { defaultValue: k }) },
    { title: t('reports.documents.fileName'), dataIndex: 'fileName' },
    { title: t('reports.documents.generatedAt'), dataIndex: 'generatedAt', width: 200, render: (v: string) => new Date(v).toLocaleString() },
    { title: t('reports.documents.article'), dataIndex: 'articleUrl', width: 120, render: (u: string | null) => (u ? <a href={u} target="_blank" rel="noreferrer">{t('reports.summary.openArticle')}</a> : null) },
  ];
  return (
    <>
      <div className="reports-doc-cards">
        {docs.map((d) => (
          <Card key={d.key} size="small" title={d.title}>
            <p>{d.hint}</p>
            <Button icon={<DownloadOutlined aria-hidden />} aria-label={`${t('reports.documents.download')}：${d.title}`} onClick={() => void downloadReport(d.path, { year, ...(d.key === 'handling' ? {} : { townshipId }) }, `${d.title}.docx`).then(() => generated.refetch()).catch(fail)}>
              {t('reports.documents.download')}
            </Button>
          </Card>
        ))}
      </div>
      <Card size="small" title={t('reports.documents.history')}>
        <Table<GeneratedReport> rowKey="id" size="small" columns={columns} dataSource={generated.data?.items ?? []} loading={generated.isPending} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      </Card>
    </>
  );
}

function TemplatesTab({ townshipId, year }: { townshipId: string; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const templates = useTemplates(townshipId);
  const uploadTemplate = useUploadTemplate(townshipId, year);
  const archive = useArchiveTemplate();
  const canEdit = can('report.manage');
  const fail = (e: unknown) => void message.error(errorMessage(t, e));
  const columns: TableColumnsType<ReportTemplate> = [
    { title: t('reports.templates.name'), dataIndex: 'name', width: 200 },
    { title: t('reports.templates.fields'), key: 'fields', render: (_, r) => r.fields.map((f) => <Tag key={f}>{f}</Tag>) },
    {
      title: '', key: 'actions', width: 260, render: (_, r) => (
        <Space>
          <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => void downloadReport(`/api/v1/reports/templates/${encodeURIComponent(r.id)}/fill.docx`, { year }, `${r.name}.docx`).catch(fail)}>{t('reports.templates.fill')}</Button>
          {canEdit ? (
            <Popconfirm title={t('reports.templates.removeConfirm')} onConfirm={() => archive.mutate(r.id, { onSuccess: () => void message.success(t('reports.templates.removed')), onError: fail })}>
              <Button size="small" danger>{t('reports.templates.remove')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small">
      <p>{t('reports.templates.intro')}</p>
      {canEdit ? (
        <Upload accept=".docx" showUploadList={false} beforeUpload={(file) => { uploadTemplate.mutate(file, { onSuccess: () => void message.success(t('reports.templates.uploaded')), onError: fail }); return false; }}>
          <Button icon={<UploadOutlined aria-hidden />} loading={uploadTemplate.isPending} style={{ marginBottom: 12 }}>{t('reports.templates.upload')}</Button>
        </Upload>
      ) : null}
      {templates.isError ? <QueryError error={templates.error} /> : (
        <Table<ReportTemplate> rowKey="id" size="small" columns={columns} dataSource={templates.data?.items ?? []} loading={templates.isPending}
          locale={{ emptyText: <Empty description={t('reports.templates.empty')} /> }} pagination={false} />
      )}
    </Card>
  );
}

function CatalogueTab({ townshipId, year }: { townshipId: string; year: number }) {
  const { t, i18n } = useTranslation();
  const facts = useYearFacts(townshipId, year);
  const en = i18n.language.startsWith('en');
  const rows = useMemo(() => (facts.data?.sections ?? []).flatMap((s) => s.facts.map((f) => ({ ...f, section: en ? s.titleEn : s.title }))), [facts.data, en]);
  if (facts.isError) return <QueryError error={facts.error} onRetry={() => void facts.refetch()} />;
  return (
    <Card size="small">
      <p>{t('reports.catalogue.intro', { field: '{{字段}}', interpolation: { escapeValue: false } })}</p>
      <Table
        rowKey="key" size="small" loading={facts.isPending} dataSource={rows} pagination={false}
        columns={[
          { title: t('reports.catalogue.section'), dataIndex: 'section', width: 160 },
          { title: t('reports.catalogue.key'), dataIndex: 'key', width: 280, render: (k: string) => <Typography.Text code copyable>{k}</Typography.Text> },
          { title: t('reports.catalogue.label'), key: 'label', render: (_, f: Fact) => (en ? f.labelEn : f.label) },
          { title: t('reports.catalogue.value'), key: 'value', width: 200, render: (_, f: Fact) => (Array.isArray(f.value) ? t('reports.facts.rows', { count: f.value.length }) : f.display) },
        ]}
      />
    </Card>
  );
}
