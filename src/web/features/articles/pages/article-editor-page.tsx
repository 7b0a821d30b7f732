import { App, Alert, Button, Card, Form, Input, Modal, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useArticle, useArticleStep, useCategories, useCreateArticle, useUpdateArticle } from '../api';
import { RichTextEditor } from '../components/rich-text-editor';
import { STATUS_COLOR } from '../format';
import type { ArticleDetail, ArticleInput, ArticleStep } from '../types';
import '../articles.css';

interface Values { title: string; categoryId: string; summary?: string; tags?: string[]; bodyHtml: string }

/** /articles/new and /articles/:id: write, edit and move an article through review. */
export default function ArticleEditorPage() {
  const { id } = useParams();
  const article = useArticle(id);
  if (id && article.isError) return <QueryError error={article.error} onRetry={() => void article.refetch()} />;
  if (id && article.isPending) return <div className="page-loading"><Spin /></div>;
  return <Editor key={article.data?.id ?? 'new'} article={article.data} />;
}

function Editor({ article }: { article: ArticleDetail | undefined }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const report = useErrorReporter();
  const navigate = useNavigate();
  const township = useTownship();
  const categories = useCategories(township.id);
  const create = useCreateArticle(township.id);
  const update = useUpdateArticle(article?.id ?? '');
  const step = useArticleStep(article?.id ?? '');
  const [form] = Form.useForm<Values>();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const editable = article ? article.can.edit : can('article.write');

  const input = (v: Values): ArticleInput => ({ title: v.title, categoryId: v.categoryId, summary: v.summary?.trim() || null, tags: v.tags ?? [], bodyHtml: v.bodyHtml });

  /** Saves the form; resolves with the saved article (created on first save). */
  const save = async (): Promise<ArticleDetail | null> => {
    let values: Values;
    try { values = await form.validateFields(); } catch { return null; }
    try {
      if (!article) {
        const created = await create.mutateAsync(input(values));
        navigate(`/articles/${created.id}`, { replace: true });
        return created;
      }
      return await update.mutateAsync(input(values));
    } catch (err) {
      report(err, form);
      return null;
    }
  };

  const run = (s: ArticleStep, done: string, extra?: { note?: string; articleId?: string }) => step.mutate({ step: s, note: extra?.note ?? null, ...(extra?.articleId ? { articleId: extra.articleId } : {}) }, {
    onSuccess: () => { void message.success(done); if (s === 'archive') navigate('/articles'); },
    onError: (err) => report(err),
  });

  const submit = async () => {
    const saved = await save();
    if (!saved) return;
    run('submit', t('articles.editor.submitted'), { articleId: saved.id });
  };

  const busy = create.isPending || update.isPending || step.isPending;
  return (
    <div>
      <PageHeader
        title={article ? t('articles.editor.editTitle') : t('articles.editor.newTitle')}
        extra={<>
          {article ? <Tag color={STATUS_COLOR[article.status]}>{t(`articles.status.${article.status}`)}</Tag> : null}
          {article?.portalUrl ? <Button href={article.portalUrl} target="_blank">{t('articles.editor.viewOnPortal')}</Button> : null}
          <Link to="/articles">{t('articles.editor.back')}</Link>
        </>}
      />
      {article?.reviewNote ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('articles.editor.reviewNote', { note: article.reviewNote })} /> : null}
      {article && !article.can.edit ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('articles.editor.readOnly', { status: t(`articles.status.${article.status}`) })} /> : null}
      <Card>
        <Form<Values>
          form={form} layout="vertical" disabled={!editable}
          initialValues={article ? { title: article.title, categoryId: article.categoryId, summary: article.summary ?? '', tags: article.tags, bodyHtml: article.bodyHtml } : { bodyHtml: '', tags: [] }}
        >
          <Form.Item name="title" label={t('articles.editor.title')} rules={[{ required: true, whitespace: true, message: t('articles.editor.titleRequired') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('articles.editor.category')} rules={[{ required: true, message: t('articles.editor.categoryRequired') }]}>
            <Select style={{ maxWidth: 260 }} loading={categories.isPending} options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="summary" label={t('articles.editor.summary')} extra={t('articles.editor.summaryHelp')}>
            <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="tags" label={t('articles.editor.tags')} extra={t('articles.editor.tagsHelp')}>
            <Select mode="tags" maxCount={10} open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="bodyHtml" label={t('articles.editor.body')} rules={[{ required: true, message: t('articles.editor.bodyRequired') }]}>
            <RichTextEditor townshipId={township.id} readOnly={!editable} />
          </Form.Item>
        </Form>
        <Space wrap>
          {editable ? <Button onClick={() => void save().then((a) => { if (a) void message.success(t('articles.editor.saved')); })} loading={create.isPending || update.isPending}>{t('articles.editor.save')}</Button> : null}
          {(article ? article.can.submit : can('article.write')) ? <Button type="primary" onClick={() => void submit()} disabled={busy}>{t('articles.editor.submit')}</Button> : null}
          {article?.can.publish ? <Button type="primary" onClick={() => run('publish', t('articles.editor.published'))} disabled={busy}>{t('articles.editor.publish')}</Button> : null}
          {article?.can.return ? <Button onClick={() => setReturning(true)} disabled={busy}>{t('articles.editor.return')}</Button> : null}
          {article?.can.unpublish ? <Button danger disabled={busy} onClick={() => void modal.confirm({ title: t('articles.editor.unpublish'), content: t('articles.editor.unpublishConfirm'), onOk: () => run('unpublish', t('articles.editor.unpublished')) })}>{t('articles.editor.unpublish')}</Button> : null}
          {article?.can.archive ? <Button danger type="text" disabled={busy} onClick={() => void modal.confirm({ title: t('articles.editor.archive'), content: t('articles.editor.archiveConfirm'), onOk: () => run('archive', t('articles.editor.archived')) })}>{t('articles.editor.archive')}</Button> : null}
          {article ? <span className="duty-muted">{t('articles.editor.views', { count: article.viewCount })}</span> : null}
        </Space>
      </Card>
      <Modal
        open={returning} title={t('articles.editor.return')} okButtonProps={{ disabled: !note.trim() }} onCancel={() => setReturning(false)}
        onOk={() => { run('return', t('articles.editor.returned'), { note: note.trim() }); setReturning(false); setNote(''); }}
      >
        <label htmlFor="return-note">{t('articles.editor.returnNote')}</label>
        <Input.TextArea id="return-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} autoSize={{ minRows: 3 }} />
      </Modal>
    </div>
  );
}
