import { DeleteOutlined, DownloadOutlined, PrinterOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Upload, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { downloadElectionFile, revealVoterId, useAddProxy, useImportRoll, useProfiles, useRemoveProxy, useRoll } from '../api';
import type { ElectionDetail, Proxy, Voter } from '../types';

/** The voter roll: import (all or nothing), masked list with audited reveal, proxies, the published list. */
export function RollTab({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const roll = useRoll(election.id);
  const importRoll = useImportRoll(election.id);
  const [replace, setReplace] = useState(false);
  const [problems, setProblems] = useState<{ row: string; column: string; reason: string }[]>([]);
  const [search, setSearch] = useState('');
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const locked = election.state !== 'pending' || election.tally.first.boxes.some((b) => b.accepted);
  const canEdit = election.can.roll && !locked;

  const upload = async (file: File) => {
    setProblems([]);
    try {
      const r = await importRoll.mutateAsync({ file, replace });
      void message.success(t('elections.roll.importDone', r));
      void roll.refetch();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IMPORT_INVALID') {
        setProblems(err.fields.map((f) => { const [row, column] = f.path.split('.'); return { row: row ?? '', column: column ?? '', reason: f.message }; }));
      }
      report(err);
    }
  };
  const reveal = async (v: Voter) => {
    try {
      const { idNumber } = await revealVoterId(v.id);
      setRevealed((r) => ({ ...r, [v.id]: idNumber }));
    } catch (err) {
      report(err);
    }
  };

  const voters = useMemo(() => (roll.data?.voters ?? []).filter((v) => !search || v.name.includes(search.trim())), [roll.data, search]);
  const columns: TableColumnsType<Voter> = [
    { title: t('elections.roll.seq'), dataIndex: 'seq', width: 70 },
    { title: t('elections.roll.name'), dataIndex: 'name', width: 110 },
    { title: t('elections.roll.gender'), key: 'gender', width: 70, render: (_, v) => t(`elections.genders.${v.gender}`) },
    {
      title: t('elections.roll.idNumber'), key: 'id', width: 260,
      render: (_, v) => (revealed[v.id] ? <span title={t('elections.roll.revealed')}>{revealed[v.id]}</span> : (
        <Space>
          <span>{v.idNumberMasked}</span>
          {election.can.reveal ? <Button size="small" type="link" onClick={() => void reveal(v)} aria-label={`${t('elections.roll.reveal')} ${v.name}`}>{t('elections.roll.reveal')}</Button> : null}
        </Space>
      )),
    },
    { title: t('elections.roll.category'), key: 'category', render: (_, v) => t(`elections.categories.${v.category}`) },
    { title: t('elections.roll.group'), dataIndex: 'villagerGroup', width: 130 },
  ];

  return (
    <>
      <Space wrap className="page-toolbar">
        {canEdit ? (
          <>
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
              <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={importRoll.isPending}>{t('elections.roll.import')}</Button>
            </Upload>
            <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>{t('elections.roll.replace')}</Checkbox>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void downloadElectionFile(election.id, 'roll/template.xlsx', 'template.xlsx').catch(report)}>{t('elections.roll.template')}</Button>
          </>
        ) : null}
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => void downloadElectionFile(election.id, 'roll/published.docx', 'voters.docx').catch(report)}>{t('elections.roll.published')}</Button>
        <Input.Search allowClear placeholder={t('elections.roll.search')} aria-label={t('elections.roll.search')} onSearch={setSearch} style={{ width: 200 }} />
      </Space>
      {problems.length ? (
        <Alert type="error" showIcon className="elections-box" message={t('elections.roll.importFailed')} description={
          <Table size="small" rowKey={(p) => `${p.row}-${p.column}-${p.reason}`} pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={problems} columns={[
            { title: t('elections.roll.row'), dataIndex: 'row', width: 70 }, { title: t('elections.roll.column'), dataIndex: 'column', width: 110 }, { title: t('elections.roll.reason'), dataIndex: 'reason' },
          ]} />
        } />
      ) : null}
      <p>{t('elections.roll.total', { count: election.voters, women: election.women })}</p>
      <Table<Voter> rowKey="id" size="small" loading={roll.isPending} columns={columns} dataSource={voters} pagination={{ pageSize: 50, showTotal: (count) => t('common.total', { count }) }} />
      {roll.data ? <ProxiesCard election={election} voters={roll.data.voters} proxies={roll.data.proxies} max={roll.data.maxProxiesPerAgent} canEdit={canEdit} /> : null}
    </>
  );
}

function ProxiesCard({ election, voters, proxies, max, canEdit }: { election: ElectionDetail; voters: Voter[]; proxies: Proxy[]; max: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const profiles = useProfiles();
  const add = useAddProxy(election.id);
  const remove = useRemoveProxy(election.id);
  const [form] = Form.useForm<{ principalVoterId: string; proxyVoterId: string; relation: string }>();
  const options = voters.map((v) => ({ value: v.id, label: `${v.name}（${v.villagerGroup}，${v.idNumberMasked.slice(-4)}）` }));
  const submit = async (v: { principalVoterId: string; proxyVoterId: string; relation: string }) => {
    try {
      await add.mutateAsync(v);
      form.resetFields();
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Card title={t('elections.roll.proxies')} className="elections-box" size="small">
      <p>{t('elections.roll.proxyIntro', { max })}</p>
      {canEdit ? (
        <Form form={form} layout="inline" onFinish={(v) => void submit(v)} className="elections-box">
          <Form.Item name="principalVoterId" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={t('elections.roll.principal')} aria-label={t('elections.roll.principal')} options={options} /></Form.Item>
          <Form.Item name="proxyVoterId" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={t('elections.roll.proxy')} aria-label={t('elections.roll.proxy')} options={options} /></Form.Item>
          <Form.Item name="relation" rules={[{ required: true }]}><Select style={{ width: 120 }} placeholder={t('elections.roll.relation')} aria-label={t('elections.roll.relation')} options={(profiles.data?.relations ?? []).map((r) => ({ value: r, label: r }))} /></Form.Item>
          <Button htmlType="submit" loading={add.isPending}>{t('elections.roll.addProxy')}</Button>
        </Form>
      ) : null}
      <Table<Proxy> rowKey="id" size="small" pagination={false} dataSource={proxies} locale={{ emptyText: t('elections.roll.noProxies') }} columns={[
        { title: t('elections.roll.principal'), dataIndex: 'principalName' },
        { title: t('elections.roll.proxy'), dataIndex: 'proxyName' },
        { title: t('elections.roll.relation'), dataIndex: 'relation' },
        ...(canEdit ? [{ title: t('common.actions'), key: 'a', width: 80, render: (_: unknown, p: Proxy) => <Button type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('elections.round.remove')} ${p.principalName}`} onClick={() => void remove.mutateAsync(p.id).catch(report)} /> }] : []),
      ]} />
    </Card>
  );
}
