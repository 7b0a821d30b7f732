import { Alert, App, Checkbox, DatePicker, Form, Input, List, Modal, Progress, Radio, Select, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { rehandleDueDate, replyDueDate } from '../../../../domain/deadlines';
import { todayInShanghai } from '../../../../domain/due-dates';
import { useUnits } from '../../units/api';
import { useSimilarSuggestions, useSuggestionAction, type ActionBodies } from '../api';
import { suggestionCategories } from '../format';
import { CONTACT_METHODS, FEEDBACKS, GRADES, SUPERVISION_METHODS, TRACKED_GRADES, type SuggestionDetail } from '../types';
import { FilePicker, uploadPicked } from './attachments';
import { StateTag } from './tags';

export type ActionForm = 'register' | 'return' | 'assign' | 'contact' | 'opinion' | 'reply' | 'feedback' | 'close' | 'progress' | 'supervise';

interface FormProps {
  s: SuggestionDetail;
  onClose: () => void;
}

const DAY = 'YYYY-MM-DD';
const today = () => todayInShanghai();
/** Days after today (or before `min`) cannot be picked: records are of what happened. */
const pastOnly = (min?: string | null) => (d: Dayjs) => d.format(DAY) > today() || (min ? d.format(DAY) < min : false);

/** A modal with one form; OK submits it. */
function ActionModal({ title, okText, loading, onOk, onClose, children, wide }: {
  title: ReactNode; okText: string; loading: boolean; onOk: () => void; onClose: () => void; children: ReactNode; wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal open title={title} okText={okText} cancelText={t('common.cancel')} onOk={onOk} onCancel={onClose}
      confirmLoading={loading} destroyOnHidden width={wide ? 720 : 520} className="sg-modal" mask={{ closable: false }}>
      {children}
    </Modal>
  );
}

/** Runs an action and closes the modal with a toast; field errors go onto the form. */
function useRun<A extends keyof ActionBodies>(s: SuggestionDetail, action: A, done: string, onClose: () => void) {
  const { message } = App.useApp();
  const report = useErrorReporter();
  const mutation = useSuggestionAction(s.id, action);
  const run = (body: ActionBodies[A], form?: Parameters<typeof report>[1]) => mutation.mutate(body, {
    onSuccess: () => {
      void message.success(done);
      onClose();
    },
    onError: (err) => report(err, form),
  });
  return { run, isPending: mutation.isPending };
}

/** 立案 with a category, beside the similar earlier suggestions (repeats, earlier results). */
export function RegisterForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const township = useTownship();
  const [form] = Form.useForm<{ category: string; note?: string }>();
  const { run, isPending } = useRun(s, 'register', t('suggestions.actions.registered'), onClose);
  const similar = useSimilarSuggestions(s.id, true);
  return (
    <ActionModal wide title={t('suggestions.actions.registerTitle', { title: s.title })} okText={t('suggestions.actions.register')}
      loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(v) => run({ category: v.category, note: v.note?.trim() || null }, form)}>
        <Form.Item name="category" label={t('suggestions.fields.category')} rules={[{ required: true, message: t('suggestions.actions.categoryRequired') }]}>
          <Select options={suggestionCategories(township).map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="note" label={t('suggestions.actions.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
      <section className="sg-similar" aria-labelledby="sg-similar-title" data-testid="similar-list">
        <h3 id="sg-similar-title" className="sg-h3">{t('suggestions.actions.similar')}</h3>
        <p className="sg-note">{t('suggestions.actions.similarHint')}</p>
        <List
          size="small"
          loading={similar.isPending}
          dataSource={similar.data ?? []}
          locale={{ emptyText: t('suggestions.actions.similarNone') }}
          renderItem={(m) => (
            <List.Item key={m.id} className="sg-similar-item">
              <div className="sg-similar-main">
                <Link to={`/suggestions/${m.id}`} target="_blank">{m.refNo ? `${m.refNo} ` : ''}{m.title}</Link>
                <div className="sg-similar-meta">
                  <StateTag state={m.state} />
                  {m.category ? <span>{m.category}</span> : null}
                  {m.grade ? <span>{t('suggestions.fields.grade')}：{m.grade} {t(`suggestions.grades.${m.grade}`)}</span> : null}
                </div>
              </div>
              <div className="sg-similar-score" aria-label={`${t('suggestions.actions.score')} ${Math.round(m.score * 100)}%`}>
                <span className="sg-muted">{t('suggestions.actions.score')}</span>
                <Progress percent={Math.round(m.score * 100)} size="small" strokeColor="#a3111a" />
              </div>
            </List.Item>
          )}
        />
      </section>
    </ActionModal>
  );
}

export function ReturnForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const { run, isPending } = useRun(s, 'return', t('suggestions.actions.returned'), onClose);
  return (
    <ActionModal title={t('suggestions.actions.returnTitle', { title: s.title })} okText={t('suggestions.actions.return')}
      loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(v) => run({ reason: v.reason.trim() }, form)}>
        <Form.Item name="reason" label={t('suggestions.actions.returnReason')} extra={t('suggestions.actions.returnReasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('suggestions.actions.returnReason') }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 交办 to one lead unit and optional co-units; shows the due date it will set (代表法 第51条). */
export function AssignForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const township = useTownship();
  const units = useUnits(township.id);
  const current = s.units.filter((u) => u.isActive);
  const [form] = Form.useForm<{ leadUnitId: string; coUnitIds: string[]; isDifficult: boolean; assignedOn: Dayjs }>();
  const { run, isPending } = useRun(s, 'assign', t('suggestions.actions.assigned'), onClose);
  const lead = Form.useWatch('leadUnitId', form);
  const difficult = Form.useWatch('isDifficult', form) ?? s.isDifficult;
  const assignedOn = Form.useWatch('assignedOn', form);
  const options = (units.data ?? []).filter((u) => !u.archivedAt).map((u) => ({ value: u.id, label: u.name }));
  const day = assignedOn?.format(DAY) ?? today();
  const due = replyDueDate(day, { difficult });
  const isReassign = s.state === 'assigned';
  return (
    <ActionModal title={t('suggestions.actions.assignTitle', { title: s.title })} okText={t(isReassign ? 'suggestions.actions.reassign' : 'suggestions.actions.assign')}
      loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical"
        initialValues={{
          leadUnitId: current.find((u) => u.role === 'lead')?.unitId, coUnitIds: current.filter((u) => u.role === 'co').map((u) => u.unitId),
          isDifficult: s.isDifficult, assignedOn: dayjs(today()),
        }}
        onFinish={(v) => run({
          leadUnitId: v.leadUnitId, coUnitIds: (v.coUnitIds ?? []).filter((u) => u !== v.leadUnitId), isDifficult: v.isDifficult ?? false,
          assignedOn: v.assignedOn.format(DAY),
        }, form)}>
        <Form.Item name="leadUnitId" label={t('suggestions.actions.leadUnit')} rules={[{ required: true, message: t('suggestions.actions.leadUnitRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} loading={units.isPending} />
        </Form.Item>
        <Form.Item name="coUnitIds" label={t('suggestions.actions.coUnits')}>
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={options.filter((o) => o.value !== lead)} loading={units.isPending} />
        </Form.Item>
        <Form.Item name="isDifficult" valuePropName="checked">
          <Checkbox>{t('suggestions.actions.difficult')}</Checkbox>
        </Form.Item>
        <Form.Item name="assignedOn" label={t('suggestions.actions.assignedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={pastOnly(null)} className="sg-date" />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('suggestions.actions.dueAfter', { date: due, period: t(difficult ? 'suggestions.deadline.difficult' : 'suggestions.deadline.normal') })}
        description={t('suggestions.deadline.basis')} />
    </ActionModal>
  );
}

/** The unit's contact with the deputy: required before replying (代表法 第51条). */
export function ContactForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: string; contactedOn: Dayjs; note: string }>();
  const { run, isPending } = useRun(s, 'contacts', t('suggestions.actions.contacted'), onClose);
  return (
    <ActionModal title={t('suggestions.actions.contactTitle')} okText={t('common.save')} loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <p className="sg-note">{t('suggestions.actions.contactHelp')}</p>
      <Form form={form} layout="vertical" initialValues={{ contactedOn: dayjs(today()) }}
        onFinish={(v) => run({ method: v.method, contactedOn: v.contactedOn.format(DAY), note: v.note.trim() }, form)}>
        <Form.Item name="method" label={t('suggestions.actions.method')} rules={[{ required: true, message: t('suggestions.actions.methodRequired') }]}>
          <Select options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`suggestions.contactMethods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="contactedOn" label={t('suggestions.actions.contactedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={pastOnly(s.assignedOn)} className="sg-date" />
        </Form.Item>
        <Form.Item name="note" label={t('suggestions.actions.contactNote')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.contactNoteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function OpinionForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ content: string }>();
  const { run, isPending } = useRun(s, 'opinions', t('suggestions.actions.opinionSaved'), onClose);
  return (
    <ActionModal title={t('suggestions.actions.opinionTitle')} okText={t('common.save')} loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <p className="sg-note">{t('suggestions.actions.opinionHelp')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => run({ content: v.content.trim() }, form)}>
        <Form.Item name="content" label={t('suggestions.actions.opinionContent')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.opinionRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={10_000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** Uploads picked files first; stops with the reasons when one fails. */
function useUploadThen(s: SuggestionDetail) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const upload = async (purpose: 'reply' | 'evidence', files: UploadFile[] | undefined): Promise<string[] | null> => {
    if (!files?.length) return [];
    setUploading(true);
    try {
      const { stored, failed } = await uploadPicked(s.id, purpose, files, (name, err) => t('suggestions.actions.uploadFailed', { name, reason: errorMessage(t, err) }));
      if (failed.length) {
        failed.forEach((f) => void message.error(f));
        return null;
      }
      return stored.map((a) => a.id);
    } finally {
      setUploading(false);
    }
  };
  return { upload, uploading };
}

/** The lead unit's reply with its grade (A–D) and text; files go with it. */
export function ReplyForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ grade: string; content: string; files: UploadFile[] }>();
  const { run, isPending } = useRun(s, 'reply', t('suggestions.actions.replied'), onClose);
  const { upload, uploading } = useUploadThen(s);
  const grade = Form.useWatch('grade', form);
  return (
    <ActionModal title={t('suggestions.actions.replyTitle')} okText={t('suggestions.actions.reply')} loading={isPending || uploading} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={{ files: [] }}
        onFinish={async (v) => {
          if ((await upload('reply', v.files)) === null) return;
          run({ grade: v.grade, content: v.content.trim() }, form);
        }}>
        <Form.Item name="grade" label={t('suggestions.actions.grade')} rules={[{ required: true, message: t('suggestions.actions.gradeRequired') }]}
          extra={grade && (TRACKED_GRADES as readonly string[]).includes(grade) ? t('suggestions.actions.gradeHelpTracked') : undefined}>
          <Radio.Group className="sg-radio-column" options={GRADES.map((g) => ({ value: g, label: `${g} ${t(`suggestions.grades.${g}`)}` }))} />
        </Form.Item>
        <Form.Item name="content" label={t('suggestions.actions.replyContent')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.replyContentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20_000} />
        </Form.Item>
        <Form.Item name="files" label={t('suggestions.actions.replyAttachments')}>
          <FilePicker />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** The deputy's answer; 不满意 sends it back with a new due date (the township's setting). */
export function FeedbackForm({ s, onClose, onPaper }: FormProps & { onPaper: boolean }) {
  const { t } = useTranslation();
  const township = useTownship();
  const [form] = Form.useForm<{ rating: string; comment?: string }>();
  const { run, isPending } = useRun(s, 'feedback', t('suggestions.actions.feedbackSaved'), onClose);
  const rating = Form.useWatch('rating', form);
  const months = township.settings.reHandlingMonths;
  return (
    <ActionModal title={t(onPaper ? 'suggestions.actions.feedbackTitlePaper' : 'suggestions.actions.feedbackTitle')} okText={t('common.confirm')}
      loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(v) => run({ rating: v.rating, comment: v.comment?.trim() || null }, form)}>
        <Form.Item name="rating" label={t('suggestions.actions.rating')} rules={[{ required: true, message: t('suggestions.actions.ratingRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" className="sg-rating" options={FEEDBACKS.map((f) => ({ value: f, label: t(`suggestions.feedbacks.${f}`) }))} />
        </Form.Item>
        {rating === 'dissatisfied' ? (
          <Alert type="warning" showIcon className="sg-alert" title={t('suggestions.actions.dissatisfiedHint', { months, date: rehandleDueDate(today(), months) })} />
        ) : null}
        <Form.Item name="comment" label={t('suggestions.actions.comment')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function CloseForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const { run, isPending } = useRun(s, 'close', t('suggestions.actions.closed'), onClose);
  return (
    <ActionModal title={t('suggestions.actions.closeTitle')} okText={t('suggestions.actions.close')} loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <p className="sg-note">{t('suggestions.actions.closeHelp')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => run({ note: v.note.trim() }, form)}>
        <Form.Item name="note" label={t('suggestions.actions.closeNote')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.closeNoteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 落实进展 for a B or C promise, with evidence files. */
export function ProgressForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ status: 'in_progress' | 'implemented'; content: string; entryOn: Dayjs; files: UploadFile[] }>();
  const { run, isPending } = useRun(s, 'progress', t('suggestions.actions.progressSaved'), onClose);
  const { upload, uploading } = useUploadThen(s);
  return (
    <ActionModal title={t('suggestions.actions.progressTitle')} okText={t('common.save')} loading={isPending || uploading} onOk={() => form.submit()} onClose={onClose}>
      <p className="sg-note">{t('suggestions.actions.progressHelp')}</p>
      <Form form={form} layout="vertical" initialValues={{ status: 'in_progress', entryOn: dayjs(today()), files: [] }}
        onFinish={async (v) => {
          const ids = await upload('evidence', v.files);
          if (ids === null) return;
          run({ status: v.status, content: v.content.trim(), entryOn: v.entryOn.format(DAY), attachmentIds: ids }, form);
        }}>
        <Form.Item name="status" label={t('suggestions.actions.progressStatus')}>
          <Radio.Group optionType="button" buttonStyle="solid"
            options={(['in_progress', 'implemented'] as const).map((st) => ({ value: st, label: t(`suggestions.implementations.${st}`) }))} />
        </Form.Item>
        <Form.Item name="content" label={t('suggestions.actions.progressContent')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.progressContentRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="entryOn" label={t('suggestions.actions.entryOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={pastOnly(s.repliedOn)} className="sg-date" />
        </Form.Item>
        <Form.Item name="files" label={t('suggestions.actions.evidence')}>
          <FilePicker />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

/** 督办 by the presidium (or the office for it). */
export function SuperviseForm({ s, onClose }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ method: string; actedOn: Dayjs; note: string }>();
  const { run, isPending } = useRun(s, 'supervisions', t('suggestions.actions.supervised'), onClose);
  return (
    <ActionModal title={t('suggestions.actions.superviseTitle')} okText={t('common.save')} loading={isPending} onOk={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={{ actedOn: dayjs(today()), method: 'reminder' }}
        onFinish={(v) => run({ method: v.method, actedOn: v.actedOn.format(DAY), note: v.note.trim() }, form)}>
        <Form.Item name="method" label={t('suggestions.actions.superviseMethod')} rules={[{ required: true }]}>
          <Select options={SUPERVISION_METHODS.map((m) => ({ value: m, label: t(`suggestions.supervisionMethods.${m}`) }))} />
        </Form.Item>
        <Form.Item name="actedOn" label={t('suggestions.actions.actedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} disabledDate={pastOnly(null)} className="sg-date" />
        </Form.Item>
        <Form.Item name="note" label={t('suggestions.actions.superviseNote')} rules={[{ required: true, whitespace: true, message: t('suggestions.actions.superviseNoteRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
