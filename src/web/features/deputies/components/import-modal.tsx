import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Modal, Spin, Table, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, saveFile } from '../../../app/api/client';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import {
  downloadImportErrorReport, downloadImportTemplate, useCheckImport, useImportDeputies,
  type ImportCheck, type ImportProblem,
} from '../api';

/**
 * 导入代表: download the template, upload a filled sheet, see every problem by row and column
 * (and download the sheet back with an error column), and import only when nothing is wrong.
 * The server imports all rows or none, so a check that passes and then an import is safe.
 */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const township = useTownship();
  const report = useErrorReporter();
  const check = useCheckImport(township.id);
  const importer = useImportDeputies(township.id);
  const [file, setFile] = useState<File | null>(null);
  const [createMissing, setCreateMissing] = useState(false);
  const [result, setResult] = useState<ImportCheck | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'template' | 'report' | null>(null);

  const runCheck = (f: File, missing: boolean) => {
    setResult(null);
    setFileError(null);
    check.mutate({ file: f, createMissing: missing }, {
      onSuccess: setResult,
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'IMPORT_FILE_INVALID' && typeof err.params.reason === 'string') {
          setFileError(t('deputies.import.fileProblem', { reason: err.params.reason }));
        } else if (err instanceof ApiError && err.code.startsWith('UPLOAD')) {
          setFileError(errorMessage(t, err));
        } else {
          report(err);
        }
      },
    });
  };

  const download = async (kind: 'template' | 'report') => {
    setDownloading(kind);
    try {
      saveFile(kind === 'template'
        ? await downloadImportTemplate(township.id)
        : await downloadImportErrorReport(township.id, file!, createMissing));
    } catch (err) {
      report(err);
    } finally {
      setDownloading(null);
    }
  };

  const confirmImport = () => {
    if (!file) return;
    importer.mutate({ file, createMissing }, {
      onSuccess: (res) => {
        void message.success(t('deputies.import.done', { imported: res.imported, constituencies: res.createdConstituencies, groups: res.createdGroups }));
        onClose();
      },
      onError: (err) => {
        // Someone changed the roster since the check: show the fresh problems.
        if (file) runCheck(file, createMissing);
        report(err);
      },
    });
  };

  const fileList: UploadFile[] = file ? [{ uid: 'sheet', name: file.name, status: 'done', size: file.size }] : [];
  const problemRows = result ? new Set(result.problems.map((p) => p.row)).size : 0;
  const canImport = Boolean(file && result && result.rowCount > 0 && result.problems.length === 0);

  return (
    <Modal
      open
      width={860}
      title={t('deputies.import.title')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={(
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button type="primary" disabled={!canImport} loading={importer.isPending} onClick={confirmImport}>
            {t('deputies.import.confirm')}
          </Button>
        </Flex>
      )}
    >
      <Typography.Paragraph type="secondary">{t('deputies.import.intro')}</Typography.Paragraph>

      <Typography.Title level={2} className="import-step">{t('deputies.import.step1')}</Typography.Title>
      <Button icon={<DownloadOutlined aria-hidden />} loading={downloading === 'template'} onClick={() => void download('template')}>
        {t('deputies.import.template')}
      </Button>

      <Typography.Title level={2} className="import-step">{t('deputies.import.step2')}</Typography.Title>
      <Checkbox
        checked={createMissing}
        onChange={(e) => {
          setCreateMissing(e.target.checked);
          if (file) runCheck(file, e.target.checked);
        }}
        style={{ marginBottom: 12 }}
      >
        {t('deputies.import.createMissing')}
      </Checkbox>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        multiple={false}
        fileList={fileList}
        beforeUpload={(f) => {
          if (!f.name.toLowerCase().endsWith('.xlsx')) {
            void message.error(t('deputies.import.onlyXlsx'));
            return Upload.LIST_IGNORE;
          }
          setFile(f);
          runCheck(f, createMissing);
          // Nothing is sent by the Upload itself: the file goes through the API client.
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setResult(null);
          setFileError(null);
          return true;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
        <p className="ant-upload-text">{t('deputies.import.upload')}</p>
        <p className="ant-upload-hint">{t('deputies.import.uploadHint')}</p>
      </Upload.Dragger>

      {file ? (
        <div className="import-result" data-testid="import-result">
          <Typography.Title level={2} className="import-step">{t('deputies.import.step3')}</Typography.Title>
          {check.isPending ? (
            <Flex align="center" gap={8}><Spin size="small" /><span>{t('deputies.import.checking')}</span></Flex>
          ) : fileError ? (
            <Alert type="error" showIcon title={fileError} />
          ) : result && result.rowCount === 0 ? (
            <Alert type="warning" showIcon title={t('deputies.import.emptyTitle')} />
          ) : result && result.problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={t('deputies.import.problemsTitle', { count: result.problems.length, rows: problemRows })}
                description={t('deputies.import.problemsHelp')}
                action={(
                  <Flex vertical gap={8}>
                    <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={downloading === 'report'} onClick={() => void download('report')}>
                      {t('deputies.import.errorReport')}
                    </Button>
                    <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => runCheck(file, createMissing)}>
                      {t('deputies.import.recheck')}
                    </Button>
                  </Flex>
                )}
                style={{ marginBottom: 12 }}
              />
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.row}|${p.column}|${p.reason}`}
                dataSource={result.problems}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                aria-label={t('deputies.import.problemsTitle', { count: result.problems.length, rows: problemRows })}
                data-testid="import-problems"
                columns={[
                  { title: t('deputies.import.row'), dataIndex: 'row', width: 70 },
                  { title: t('deputies.import.column'), dataIndex: 'column', width: 140 },
                  { title: t('deputies.import.reason'), dataIndex: 'reason' },
                ]}
              />
            </>
          ) : result ? (
            <Alert
              type="success"
              showIcon
              title={t('deputies.import.okTitle', { count: result.rowCount })}
              description={(result.missingConstituencies.length || result.missingGroups.length) ? (
                <>
                  {result.missingConstituencies.length ? <div>{t('deputies.import.willCreateConstituencies', { names: result.missingConstituencies.join('、') })}</div> : null}
                  {result.missingGroups.length ? <div>{t('deputies.import.willCreateGroups', { names: result.missingGroups.join('、') })}</div> : null}
                </>
              ) : undefined}
            />
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
