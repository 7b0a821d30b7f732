import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Popconfirm, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { formatSize } from '../../../app/format';
import { downloadStepDocument, useRemoveStepDocument, useUpdateStep, useUploadStepDocument } from '../api';
import type { ElectionDetail, Step, StepDocument } from '../types';

/** What a step's documents may be: scans and photos, and written documents. */
const ACCEPT = '.pdf,.docx,.jpg,.jpeg,.png';
const ACCEPTED = /\.(pdf|docx|jpe?g|png)$/i;

/** The procedure calendar: planned and actual days per step, the rule of each and what it flags. */
export function CalendarTab({ election }: { election: ElectionDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const update = useUpdateStep(election.id);
  const upload = useUploadStepDocument(election.id);
  const remove = useRemoveStepDocument(election.id);
  const isEn = i18n.language === 'en-US';
  const labelOf = (key: string) => {
    const s = election.steps.find((x) => x.key === key);
    return s ? (isEn ? s.labelEn : s.label) : key;
  };
  const save = async (key: string, patch: { plannedOn?: string | null; doneOn?: string | null }) => {
    try {
      await update.mutateAsync({ key, ...patch });
      void message.success(t('common.saved'));
    } catch (err) {
      report(err);
    }
  };
  const dateCell = (s: Step, field: 'plannedOn' | 'doneOn') => (election.can.manage ? (
    <DatePicker
      value={s[field] ? dayjs(s[field]) : null}
      aria-label={`${isEn ? s.labelEn : s.label} ${field === 'plannedOn' ? t('elections.calendar.planned') : t('elections.calendar.done')}`}
      onChange={(d) => void save(s.key, { [field]: d ? d.format('YYYY-MM-DD') : null })}
      disabledDate={field === 'doneOn' ? (d) => d.isAfter(dayjs(), 'day') : undefined}
    />
  ) : (s[field] ?? '—'));

  const stepLabel = (s: Step) => (isEn ? s.labelEn : s.label);
  /** The legal basis of a rule comes from the profile in Chinese; English spells out the law and the article. */
  const basisText = (b: string | undefined): string => (!b || !isEn ? (b ?? '') : b
    .replace('省村民委员会选举办法', t('elections.basis.province'))
    .replace('村民委员会组织法', t('elections.basis.law'))
    .replace(/第(\d+)条/, (_m, n: string) => `, ${t('elections.basis.article', { n })}`)
    .replace('（公开计票）', ` (${t('elections.basis.publicCount')})`)
    .replace('（当场公布）', ` (${t('elections.basis.onTheSpot')})`));
  const download = (d: StepDocument) => { downloadStepDocument(d).catch((err: unknown) => report(err)); };
  const documentsCell = (s: Step) => (
    <>
      {s.documents.length > 0 ? (
        <ul className="elections-step-docs" aria-label={t('elections.calendar.documentsOf', { step: stepLabel(s) })}>
          {s.documents.map((d) => (
            <li key={d.id}>
              <Button type="link" size="small" icon={<FileOutlined aria-hidden />} onClick={() => download(d)} title={t('elections.calendar.uploadedBy', { name: d.uploadedByName, day: d.createdAt.slice(0, 10) })}>
                {d.fileName}
              </Button>
              <Typography.Text type="secondary" className="elections-doc-size">{formatSize(d.sizeBytes)}</Typography.Text>
              {election.can.documents ? (
                <Popconfirm
                  title={t('elections.calendar.removeDocumentConfirm', { name: d.fileName })}
                  okText={t('elections.calendar.removeDocument')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove.mutate(d.id, { onSuccess: () => void message.success(t('elections.calendar.documentRemoved')), onError: (err) => report(err) })}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('elections.calendar.removeDocument')}：${d.fileName}`} />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {election.can.documents ? (
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          multiple
          beforeUpload={(file) => {
            if (!ACCEPTED.test(file.name)) {
              void message.error(t('elections.calendar.documentTypeInvalid'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate({ key: s.key, file: file as File }, {
              onSuccess: (doc) => {
                onSuccess?.(doc);
                void message.success(t('elections.calendar.documentUploaded', { name: doc.fileName }));
              },
              onError: (err) => {
                onError?.(err as Error);
                report(err);
              },
            });
          }}
        >
          <Button size="small" icon={<UploadOutlined aria-hidden />} aria-label={`${t('elections.calendar.uploadDocument')}：${stepLabel(s)}`}>{t('elections.calendar.uploadDocument')}</Button>
        </Upload>
      ) : s.documents.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : null}
    </>
  );

  const columns: TableColumnsType<Step> = [
    { title: '#', dataIndex: 'seq', width: 48 },
    { title: t('elections.calendar.step'), key: 'label', width: 140, render: (_, s) => stepLabel(s) },
    { title: t('elections.calendar.planned'), key: 'planned', width: 150, render: (_, s) => dateCell(s, 'plannedOn') },
    { title: t('elections.calendar.done'), key: 'done', width: 150, render: (_, s) => dateCell(s, 'doneOn') },
    {
      title: t('elections.calendar.rule'), key: 'rule',
      render: (_, s) => s.rules.map((r) => (
        <div key={r.ref + r.kind}>
          {r.kind === 'min_days_before' ? t('elections.calendar.minBefore', { ref: labelOf(r.ref), days: r.days, basis: basisText(r.basis) })
            : r.days === 0 ? t('elections.calendar.sameDay', { ref: labelOf(r.ref), basis: basisText(r.basis) })
              : t('elections.calendar.maxAfter', { ref: labelOf(r.ref), days: r.days, basis: basisText(r.basis) })}
        </div>
      )),
    },
    {
      title: t('elections.calendar.check'), key: 'check', width: 150,
      render: (_, s) => (s.flags.length === 0 ? (s.doneOn ? <Tag color="green">{t('elections.calendar.ok')}</Tag> : null) : s.flags.map((f, i) => (
        <Tag key={i} color={f.code === 'overdue' ? 'orange' : 'red'} className="elections-flag">
          {t(`elections.calendar.flags.${f.code}`, { ref: f.ref ? labelOf(f.ref) : '', days: f.days, actual: f.actual })}
        </Tag>
      ))),
    },
    { title: t('elections.calendar.documents'), key: 'documents', width: 220, render: (_, s) => documentsCell(s) },
  ];
  return (
    <>
      <p>{t('elections.calendar.intro', { profile: isEn ? election.profileNameEn : election.profileName })}</p>
      {election.can.documents ? <Typography.Paragraph type="secondary">{t('elections.calendar.documentsHint')}</Typography.Paragraph> : null}
      <Table<Step> rowKey="key" size="small" columns={columns} dataSource={election.steps} pagination={false} />
    </>
  );
}
