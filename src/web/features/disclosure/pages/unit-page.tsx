import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Image, Input, List, Modal, Popconfirm, Space, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import {
  downloadBoard, useAddCheck, useCreateBoard, useCreateUnitDisclosure, useDiscardBoard, useDiscardUnitDisclosure, usePublishBoard, usePublishUnitDisclosure,
  useUnitPage, useUpdateBoard, useUpdateUnitDisclosure, type UnitDisclosureInput,
} from '../api';
import { VersionTag } from '../components/parts';
import { BOARD_FIELD_KEYS, type Board, type UnitDisclosure } from '../types';

/** A unit's enforcement board (versions, print, photo checks) and its government or school affairs disclosures. */
export default function DisclosureUnitPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const { id = '' } = useParams();
  const q = useUnitPage(id);
  const createBoard = useCreateBoard(id);
  const updateBoard = useUpdateBoard();
  const publishBoard = usePublishBoard();
  const discardBoard = useDiscardBoard();
  const createDisclosure = useCreateUnitDisclosure(id);
  const updateDisclosure = useUpdateUnitDisclosure();
  const publishDisclosure = usePublishUnitDisclosure();
  const discardDisclosure = useDiscardUnitDisclosure();
  const [editing, setEditing] = useState<Board | null>(null);
  const [checking, setChecking] = useState<Board | null>(null);
  const [disclosure, setDisclosure] = useState<UnitDisclosure | 'new' | null>(null);

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const page = q.data;
  const draft = page?.boards.find((b) => b.status === 'draft');
  const canMaintain = page?.canMaintain ?? false;

  return (
    <>
      <PageHeader title={page?.unit.name ?? ''}>
        <p className="page-intro">{t('disclosure.unit.intro')}</p>
      </PageHeader>
      <Card loading={q.isPending} title={t('disclosure.unit.boards')} style={{ marginBottom: 16 }}
        extra={canMaintain && page?.unit.hasEnforcementPower && !draft
          ? <Button type="primary" loading={createBoard.isPending} onClick={() => createBoard.mutate({}, { onSuccess: (b) => setEditing(b), onError: (e) => report(e) })}>{t('disclosure.unit.newVersion')}</Button>
          : undefined}>
        {page && !page.unit.hasEnforcementPower ? <Alert type="info" title={t('disclosure.unit.notEnforcement')} /> : null}
        {page?.unit.hasEnforcementPower && page.boards.length === 0 ? <Empty description={t('disclosure.unit.noBoards')} /> : null}
        {page?.boards.map((b) => (
          <Card key={b.id} type="inner" style={{ marginBottom: 12 }}
            title={<Space>{b.title}<span>{t('disclosure.overview.version', { version: b.version })}</span><VersionTag status={b.status} /></Space>}
            extra={(
              <Space wrap>
                {b.publishedOn ? <span>{t('disclosure.overview.publishedOn')}：{b.publishedOn}</span> : null}
                <Button size="small" onClick={() => void downloadBoard(b.id, 'A4').catch((e: unknown) => report(e))}>{t('disclosure.unit.printA4')}</Button>
                <Button size="small" onClick={() => void downloadBoard(b.id, 'A3').catch((e: unknown) => report(e))}>{t('disclosure.unit.printA3')}</Button>
                {canMaintain && b.status === 'draft' ? (
                  <>
                    <Button size="small" onClick={() => setEditing(b)}>{t('disclosure.unit.editDraft')}</Button>
                    <Popconfirm title={t('disclosure.unit.confirmPublish')} onConfirm={() => publishBoard.mutate(b.id, { onSuccess: () => void message.success(t('disclosure.unit.publishedOk')), onError: (e) => report(e) })}>
                      <Button size="small" type="primary">{t('disclosure.unit.publish')}</Button>
                    </Popconfirm>
                    <Popconfirm title={t('disclosure.unit.confirmDiscard')} onConfirm={() => discardBoard.mutate(b.id, { onError: (e) => report(e) })}>
                      <Button size="small" danger>{t('disclosure.unit.discard')}</Button>
                    </Popconfirm>
                  </>
                ) : null}
                {canMaintain && b.status === 'published' ? <Button size="small" onClick={() => setChecking(b)}>{t('disclosure.unit.addCheck')}</Button> : null}
              </Space>
            )}>
            {b.status !== 'superseded' ? (
              <Descriptions column={1} bordered size="small" items={BOARD_FIELD_KEYS.map((k) => ({
                key: k, label: t(`disclosure.unit.fields.${k}`),
                children: b.fields[k] ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{b.fields[k]}</Typography.Paragraph> : <Typography.Text type="danger">—</Typography.Text>,
              }))} />
            ) : <Typography.Text type="secondary">{t('disclosure.vd.supersededOn', { date: b.supersededOn ?? '' })}</Typography.Text>}
            {b.status === 'published' ? (
              <div style={{ marginTop: 12 }}>
                <Typography.Title level={2} style={{ fontSize: 16 }}>{t('disclosure.unit.checks')}</Typography.Title>
                {b.checks.length === 0 ? <Typography.Text type="secondary">{t('disclosure.unit.noChecks')}</Typography.Text> : (
                  <Image.PreviewGroup>
                    <Flex gap={12} wrap>
                      {b.checks.map((c) => (
                        <div key={c.id}>
                          <Image width={120} src={c.photoUrl} alt={`${t('disclosure.unit.photo')} ${c.checkedOn}`} />
                          <div>{c.checkedOn}{c.note ? ` · ${c.note}` : ''}</div>
                        </div>
                      ))}
                    </Flex>
                  </Image.PreviewGroup>
                )}
              </div>
            ) : null}
          </Card>
        ))}
      </Card>

      {page?.disclosureKind ? (
        <Card title={t(`disclosure.unit.disclosures.${page.disclosureKind}`)}
          extra={canMaintain ? <Button type="primary" onClick={() => setDisclosure('new')}>{t('disclosure.unit.newDisclosure')}</Button> : undefined}>
          {page.disclosures.length === 0 ? <Typography.Paragraph>{t('disclosure.unit.noDisclosures')}</Typography.Paragraph> : <List dataSource={page.disclosures} renderItem={(d) => (
            <List.Item actions={canMaintain && d.status === 'draft' ? [
              <Button key="e" size="small" onClick={() => setDisclosure(d)}>{t('disclosure.unit.editDraft')}</Button>,
              <Popconfirm key="p" title={t('disclosure.unit.confirmPublish')} onConfirm={() => publishDisclosure.mutate(d.id, { onSuccess: () => void message.success(t('disclosure.unit.publishedOk')), onError: (e) => report(e) })}>
                <Button size="small" type="primary">{t('disclosure.unit.publish')}</Button>
              </Popconfirm>,
              <Popconfirm key="d" title={t('disclosure.unit.confirmDiscard')} onConfirm={() => discardDisclosure.mutate(d.id, { onError: (e) => report(e) })}>
                <Button size="small" danger>{t('disclosure.unit.discard')}</Button>
              </Popconfirm>,
            ] : []}>
              <List.Item.Meta title={<Space>{d.title}<VersionTag status={d.status} />{d.publishedOn}</Space>} description={(
                <Descriptions column={1} size="small" items={[
                  { key: 'p', label: t('disclosure.unit.procedures'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.procedures}</span> },
                  { key: 'f', label: t('disclosure.unit.feeStandards'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.feeStandards}</span> },
                  ...(d.otherContent ? [{ key: 'o', label: t('disclosure.unit.otherContent'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.otherContent}</span> }] : []),
                ]} />
              )} />
            </List.Item>
          )} />}
        </Card>
      ) : page ? <Alert type="info" title={t('disclosure.unit.committee')} /> : null}

      {editing ? (
        <BoardModal board={editing} saving={updateBoard.isPending} onCancel={() => setEditing(null)}
          onSave={(values, form) => updateBoard.mutate({ id: editing.id, input: values }, {
            onSuccess: () => { void message.success(t('disclosure.unit.saved')); setEditing(null); },
            onError: (e) => report(e, form, Object.fromEntries(BOARD_FIELD_KEYS.map((k) => [`fields.${k}`, k]))),
          })} />
      ) : null}
      {checking ? <CheckModal board={checking} onClose={() => setChecking(null)} /> : null}
      {disclosure ? (
        <DisclosureModal initial={disclosure === 'new' ? null : disclosure} saving={createDisclosure.isPending || updateDisclosure.isPending} onCancel={() => setDisclosure(null)}
          onSave={(input, form) => {
            const done = { onSuccess: () => { void message.success(t('disclosure.unit.saved')); setDisclosure(null); }, onError: (e: unknown) => report(e, form) };
            if (disclosure === 'new') createDisclosure.mutate(input, done);
            else updateDisclosure.mutate({ id: disclosure.id, input }, done);
          }} />
      ) : null}
    </>
  );
}

type FormInstance = ReturnType<typeof Form.useForm>[0];

function BoardModal({ board, saving, onCancel, onSave }: { board: Board; saving: boolean; onCancel: () => void; onSave: (v: { title: string; fields: Board['fields'] }, form: FormInstance) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Modal open width={760} title={`${board.title} · ${t('disclosure.overview.version', { version: board.version })}`} okText={t('disclosure.vd.save')} confirmLoading={saving} onCancel={onCancel}
      onOk={() => void form.validateFields().then((v: Record<string, string>) => onSave({ title: v.title!, fields: Object.fromEntries(BOARD_FIELD_KEYS.map((k) => [k, v[k] ?? ''])) as Board['fields'] }, form))}>
      <Form form={form} layout="vertical" initialValues={{ title: board.title, ...board.fields }}>
        <Form.Item name="title" label={t('disclosure.unit.boardTitle')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
        {BOARD_FIELD_KEYS.map((k) => (
          <Form.Item key={k} name={k} label={t(`disclosure.unit.fields.${k}`)} rules={[{ max: 5000 }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /></Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function CheckModal({ board, onClose }: { board: Board; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const add = useAddCheck();
  const [form] = Form.useForm<{ checkedOn: dayjs.Dayjs; note?: string }>();
  const [file, setFile] = useState<File | null>(null);
  return (
    <Modal open title={t('disclosure.unit.addCheck')} okButtonProps={{ disabled: !file }} confirmLoading={add.isPending} onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => add.mutate(
        { boardId: board.id, checkedOn: v.checkedOn.format('YYYY-MM-DD'), note: v.note, file: file! },
        { onSuccess: onClose, onError: (e) => report(e, form) },
      ))}>
      <Form form={form} layout="vertical" initialValues={{ checkedOn: dayjs() }}>
        <Form.Item name="checkedOn" label={t('disclosure.unit.checkedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="note" label={t('disclosure.unit.note')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item label={t('disclosure.unit.photo')} extra={t('disclosure.unit.photoHelp')} required>
          <Upload accept="image/jpeg,image/png" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
            <Button>{t('disclosure.unit.photo')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DisclosureModal({ initial, saving, onCancel, onSave }: { initial: UnitDisclosure | null; saving: boolean; onCancel: () => void; onSave: (v: UnitDisclosureInput, form: FormInstance) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  return (
    <Modal open width={720} title={initial?.title ?? t('disclosure.unit.newDisclosure')} okText={t('disclosure.vd.save')} confirmLoading={saving} onCancel={onCancel}
      onOk={() => void form.validateFields().then((v: UnitDisclosureInput) => onSave({ ...v, otherContent: v.otherContent || null }, form))}>
      <Form form={form} layout="vertical" initialValues={initial ? { title: initial.title, procedures: initial.procedures, feeStandards: initial.feeStandards, otherContent: initial.otherContent } : {}}>
        <Form.Item name="title" label={t('disclosure.unit.disclosureTitle')} rules={[{ max: 100 }]}><Input /></Form.Item>
        <Form.Item name="procedures" label={t('disclosure.unit.procedures')} rules={[{ max: 10000 }]}><Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} /></Form.Item>
        <Form.Item name="feeStandards" label={t('disclosure.unit.feeStandards')} rules={[{ max: 10000 }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /></Form.Item>
        <Form.Item name="otherContent" label={t('disclosure.unit.otherContent')} rules={[{ max: 10000 }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
