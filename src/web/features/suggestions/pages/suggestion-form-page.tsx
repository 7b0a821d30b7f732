import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Spin, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../app/api/client';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { NotFoundPage } from '../../../components/status-pages';
import { useCreateSuggestion, useDeputyOptions, useOwnDeputy, useSessionOptions, useSuggestion, useUpdateSuggestion } from '../api';
import { AttachmentList, FilePicker, uploadPicked } from '../components/attachments';
import {
  MOTION_MIN_SIGNERS, RAISED_AT, type RaisedAt, type SuggestionDetail, type SuggestionKind,
} from '../types';
import '../suggestions.css';

interface Values {
  kind: SuggestionKind;
  title: string;
  content: string;
  raisedAt: RaisedAt;
  sessionId?: string | null;
  authorDeputyId?: string;
  coSignerIds: string[];
  isPublic: boolean;
  files: UploadFile[];
}

/** Kinds in the order a deputy most often needs them: 建议 first, 议案 last (it needs five). */
const KIND_ORDER: SuggestionKind[] = ['suggestion', 'criticism', 'opinion', 'motion'];

/** /suggestions/new: a deputy (or the office, for a paper one) writes a suggestion. */
export function NewSuggestionPage() {
  return <SuggestionForm suggestion={null} />;
}

/** /suggestions/:id/edit: a draft or a returned suggestion, by its author. */
export function EditSuggestionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const suggestion = useSuggestion(id);
  if (suggestion.isPending) return <div className="page-loading"><Spin /></div>;
  if (suggestion.isError) {
    if (suggestion.error instanceof ApiError && suggestion.error.status === 404) return <NotFoundPage />;
    return <QueryError error={suggestion.error} onRetry={() => void suggestion.refetch()} />;
  }
  if (!suggestion.data.actions.includes('edit')) {
    return (
      <Result status="info" title={t('suggestions.form.notEditable')}
        extra={<Link to={`/suggestions/${id}`}>{t('suggestions.detail.back')}</Link>} />
    );
  }
  return <SuggestionForm suggestion={suggestion.data} key={suggestion.data.id} />;
}

function SuggestionForm({ suggestion }: { suggestion: SuggestionDetail | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useAuth();
  const township = useTownship();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const isDeputy = me?.user.role === 'deputy';
  const deputies = useDeputyOptions(township.id);
  const own = useOwnDeputy(isDeputy);
  const sessions = useSessionOptions(township.id);
  const create = useCreateSuggestion(township.id);
  const update = useUpdateSuggestion(suggestion?.id ?? '');
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);

  const kind = Form.useWatch('kind', form) ?? suggestion?.kind ?? 'suggestion';
  const raisedAt = Form.useWatch('raisedAt', form) ?? suggestion?.raisedAt ?? 'between_sessions';
  const coSignerIds = Form.useWatch('coSignerIds', form) ?? [];
  const authorId = Form.useWatch('authorDeputyId', form) ?? suggestion?.authorDeputyId ?? own.data?.id;
  const isMotion = kind === 'motion';
  const neededMore = Math.max(0, MOTION_MIN_SIGNERS - 1 - coSignerIds.length);

  const deputyOptions = (deputies.data ?? [])
    .filter((d) => d.id !== authorId)
    .map((d) => ({ value: d.id, label: d.name }));
  const authorOptions = (deputies.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const sessionOptions = (sessions.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.startDate}）` }));

  const initialValues: Partial<Values> = suggestion
    ? {
        kind: suggestion.kind, title: suggestion.title, content: suggestion.content, raisedAt: suggestion.raisedAt,
        sessionId: suggestion.sessionId, isPublic: suggestion.isPublic, files: [],
        coSignerIds: suggestion.signers.filter((s) => !s.isAuthor).map((s) => s.deputyId),
      }
    : { kind: 'suggestion', raisedAt: sessionsOpenNow(sessions.data) ? 'session' : 'between_sessions', coSignerIds: [], isPublic: true, files: [] };

  const describe = (name: string, err: unknown) => t('suggestions.actions.uploadFailed', { name, reason: errorMessage(t, err) });

  const save = async (values: Values, submit: boolean) => {
    setBusy(submit ? 'submit' : 'draft');
    const input = {
      kind: values.kind, title: values.title.trim(), content: values.content.trim(), raisedAt: values.raisedAt,
      sessionId: values.raisedAt === 'session' ? values.sessionId ?? null : null, coSignerIds: values.coSignerIds ?? [],
    };
    const files = values.files ?? [];
    try {
      let saved: SuggestionDetail;
      if (suggestion) {
        saved = await update.mutateAsync(input);
        if (values.isPublic !== suggestion.isPublic && saved.actions.includes('consent')) {
          saved = await api.post<SuggestionDetail>(`/api/v1/suggestions/${encodeURIComponent(saved.id)}/consent`, { isPublic: values.isPublic });
        }
      } else {
        // With files, keep it a draft until they are attached, then submit.
        saved = await create.mutateAsync({
          ...input, isPublic: values.isPublic, submit: submit && files.length === 0,
          ...(!isDeputy && values.authorDeputyId ? { authorDeputyId: values.authorDeputyId } : {}),
        });
      }
      const { failed } = await uploadPicked(saved.id, 'submission', files, describe);
      if (failed.length) {
        failed.forEach((f) => void message.error(f));
        void message.warning(t('suggestions.form.attachFailedKept'));
        void navigate(`/suggestions/${saved.id}/edit`, { replace: true });
        return;
      }
      if (submit && saved.state !== 'submitted') {
        saved = await api.post<SuggestionDetail>(`/api/v1/suggestions/${encodeURIComponent(saved.id)}/submit`, {});
      }
      void message.success(submit ? t('suggestions.form.submittedNotice', { refNo: saved.refNo ?? '' }) : t('suggestions.form.draftSaved'));
      void navigate(`/suggestions/${saved.id}`, { replace: true });
    } catch (err) {
      report(err, form);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (submit: boolean) => {
    form.validateFields().then((values) => save(values, submit)).catch(() => {
      // antd marks the invalid fields; scroll to the first.
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? 'title');
    });
  };

  const backTo = suggestion ? `/suggestions/${suggestion.id}` : '/suggestions';

  return (
    <div className="sg-page sg-form-page">
      <Link to={backTo} className="sg-back"><ArrowLeftOutlined aria-hidden /> {t('suggestions.detail.back')}</Link>
      <PageHeader title={suggestion ? t('suggestions.form.editTitle') : t('suggestions.form.newTitle')}>
        <p className="page-intro">{t('suggestions.form.intro')}</p>
      </PageHeader>
      {suggestion?.state === 'returned' && suggestion.returnReason ? (
        <Alert type="warning" showIcon className="sg-alert" title={t('suggestions.detail.returnReason')} description={suggestion.returnReason} />
      ) : null}
      <Card className="sg-form-card">
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void save(v, true)}>
          <Form.Item name="kind" label={t('suggestions.form.kind')} extra={t(`suggestions.form.kindHelp.${kind}`)}>
            <Radio.Group optionType="button" buttonStyle="solid" className="sg-kind-radio"
              options={KIND_ORDER.map((k) => ({ value: k, label: t(`suggestions.kinds.${k}`) }))} />
          </Form.Item>
          {!isDeputy && !suggestion ? (
            <Form.Item name="authorDeputyId" label={t('suggestions.form.author')} extra={t('suggestions.form.authorHelp')}
              rules={[{ required: true, message: t('suggestions.form.authorRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={authorOptions} loading={deputies.isPending} placeholder={t('suggestions.form.coSignersPlaceholder')} />
            </Form.Item>
          ) : null}
          <Form.Item name="title" label={t('suggestions.form.title')} rules={[{ required: true, whitespace: true, message: t('suggestions.form.titleRequired') }]}>
            <Input maxLength={100} showCount placeholder={t('suggestions.form.titlePlaceholder')} />
          </Form.Item>
          <Form.Item name="content" label={t('suggestions.form.content')} rules={[{ required: true, whitespace: true, message: t('suggestions.form.contentRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 18 }} maxLength={20_000}
              placeholder={t(isMotion ? 'suggestions.form.contentPlaceholderMotion' : 'suggestions.form.contentPlaceholder')} />
          </Form.Item>
          <Form.Item name="raisedAt" label={t('suggestions.form.raisedAt')}>
            <Radio.Group options={RAISED_AT.map((r) => ({ value: r, label: t(`suggestions.raisedAt.${r}`) }))} />
          </Form.Item>
          {raisedAt === 'session' ? (
            <Form.Item name="sessionId" label={t('suggestions.form.session')}
              rules={sessionOptions.length ? [{ required: true, message: t('suggestions.form.sessionRequired') }] : []}>
              <Select allowClear options={sessionOptions} loading={sessions.isPending} placeholder={t('suggestions.form.sessionPlaceholder')}
                notFoundContent={t('suggestions.form.noSessions')} popupMatchSelectWidth={false} />
            </Form.Item>
          ) : null}
          {isMotion ? <Alert type="info" showIcon className="sg-alert" title={t('suggestions.form.coSignersMotionHelp')} /> : null}
          <Form.Item
            name="coSignerIds"
            label={t(isMotion ? 'suggestions.form.coSignersMotion' : 'suggestions.form.coSigners')}
            extra={(
              <>
                {t('suggestions.form.coSignersHelp')}
                {isMotion ? <span className={neededMore ? 'sg-soon' : 'sg-ok'}> {neededMore ? t('suggestions.form.coSignersTooFew', { count: neededMore }) : t('suggestions.form.coSignersCount', { count: coSignerIds.length + 1 })}</span> : null}
              </>
            )}
            rules={[{
              validator: (_, v: string[] | undefined) => (isMotion && (v?.length ?? 0) < MOTION_MIN_SIGNERS - 1
                ? Promise.reject(new Error(t('suggestions.form.coSignersTooFew', { count: MOTION_MIN_SIGNERS - 1 - (v?.length ?? 0) })))
                : Promise.resolve()),
            }]}
          >
            <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={deputyOptions} loading={deputies.isPending}
              placeholder={t('suggestions.form.coSignersPlaceholder')} />
          </Form.Item>
          <Form.Item name="isPublic" valuePropName="checked" extra={t('suggestions.form.isPublicHelp')}>
            <Checkbox>{t('suggestions.form.isPublic')}</Checkbox>
          </Form.Item>
          <Form.Item name="files" label={t('suggestions.form.attachments')} valuePropName="value">
            <FilePicker />
          </Form.Item>
          {suggestion ? (
            <AttachmentList suggestionId={suggestion.id} files={suggestion.attachments.filter((a) => a.purpose === 'submission')} canRemove />
          ) : null}
          <div className="sg-form-actions">
            <Button size="large" onClick={() => onSubmit(false)} loading={busy === 'draft'} disabled={busy === 'submit'}>{t('suggestions.form.saveDraft')}</Button>
            <Button size="large" type="primary" onClick={() => onSubmit(true)} loading={busy === 'submit'} disabled={busy === 'draft'}>{t('suggestions.form.submit')}</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

/** Whether a session is sitting today: then a new suggestion is most likely raised at it. */
function sessionsOpenNow(sessions: { state: string }[] | undefined): boolean {
  return Boolean(sessions?.some((s) => s.state === 'open'));
}
