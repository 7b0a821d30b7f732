import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useCategories, useCreateCategory, useUpdateCategory } from '../api';
import type { PortalCategory } from '../types';

/** /articles/categories: the portal's sections: name, order, shown or not; new sections. */
export default function CategoriesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const township = useTownship();
  const list = useCategories(township.id);
  const update = useUpdateCategory(township.id);
  const create = useCreateCategory(township.id);
  const [form] = Form.useForm<{ name: string }>();
  const editable = can('article.write');
  const save = (id: string, patch: { name?: string; isVisible?: boolean; position?: number }) =>
    update.mutate({ id, ...patch }, { onSuccess: () => void message.success(t('articles.categories.saved')), onError: (err) => report(err) });

  return (
    <div>
      <PageHeader title={t('articles.categories.title')}><p className="page-intro">{t('articles.categories.intro')}</p></PageHeader>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Card>
          <Table<PortalCategory>
            rowKey="id" loading={list.isPending} dataSource={list.data ?? []} pagination={false} scroll={{ x: 560 }}
            columns={[
              {
                title: t('articles.categories.name'), dataIndex: 'name',
                render: (_: unknown, c) => editable
                  ? <Input aria-label={t('articles.categories.name')} defaultValue={c.name} maxLength={20} onBlur={(e) => { const v = e.target.value.trim(); if (v && v !== c.name) save(c.id, { name: v }); }} />
                  : c.name,
              },
              { title: t('articles.categories.key'), dataIndex: 'key', width: 160 },
              {
                title: t('articles.categories.position'), dataIndex: 'position', width: 110,
                render: (_: unknown, c) => editable
                  ? <InputNumber aria-label={t('articles.categories.position')} min={0} max={10000} defaultValue={c.position} onBlur={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v !== c.position) save(c.id, { position: v }); }} />
                  : c.position,
              },
              {
                title: t('articles.categories.visible'), dataIndex: 'isVisible', width: 90,
                render: (_: unknown, c) => <Switch aria-label={`${c.name} ${t('articles.categories.visible')}`} checked={c.isVisible} disabled={!editable} onChange={(v) => save(c.id, { isVisible: v })} />,
              },
            ]}
          />
          {editable ? (
            <Form form={form} layout="inline" style={{ marginTop: 16 }} onFinish={(v) => create.mutate({ name: v.name }, {
              onSuccess: () => { form.resetFields(); void message.success(t('articles.categories.saved')); }, onError: (err) => report(err, form),
            })}>
              <Form.Item name="name" label={t('articles.categories.newName')} rules={[{ required: true, whitespace: true, message: t('articles.categories.nameRequired') }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Button htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={create.isPending}>{t('articles.categories.create')}</Button>
            </Form>
          ) : null}
        </Card>
      )}
    </div>
  );
}
