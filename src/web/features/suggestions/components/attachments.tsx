import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/errors';
import { attachmentUrl, uploadAttachment, useArchiveAttachment } from '../api';
import { formatSize } from '../../../app/format';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, type Attachment, type AttachmentPurpose } from '../types';

/** Files of a suggestion, each a download link; removable by whoever may (the server checks). */
export function AttachmentList({ suggestionId, files, canRemove = false }: { suggestionId: string; files: Attachment[]; canRemove?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const archive = useArchiveAttachment(suggestionId);
  if (files.length === 0) return null;
  return (
    <ul className="sg-files">
      {files.map((f) => (
        <li key={f.id}>
          <PaperClipOutlined aria-hidden />
          <a href={attachmentUrl(f.id)} download={f.fileName} aria-label={t('suggestions.actions.download', { name: f.fileName })}>{f.fileName}</a>
          <span className="sg-muted sg-file-size">{formatSize(f.sizeBytes)}</span>
          {canRemove && !f.progressId ? (
            <Popconfirm
              title={t('suggestions.actions.removeFileConfirm', { name: f.fileName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => archive.mutate(f.id, {
                onSuccess: () => void message.success(t('suggestions.actions.fileRemoved')),
                onError: (err) => void message.error(errorMessage(t, err)),
              })}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('suggestions.actions.removeFile')}：${f.fileName}`} />
            </Popconfirm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const ALLOWED = /\.(pdf|docx|xlsx|jpe?g|png)$/i;

/**
 * Picks files to upload with the form (nothing is sent until the form is saved). Checks the
 * name and size here for a quick answer; the server checks the bytes.
 */
export function FilePicker({ value = [], onChange, id }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void; id?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <div className="sg-file-picker">
      <Upload
        multiple
        accept={ATTACHMENT_ACCEPT}
        fileList={value}
        beforeUpload={(file) => {
          if (!ALLOWED.test(file.name)) {
            void message.error(t('suggestions.actions.wrongType', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (file.size > ATTACHMENT_MAX_BYTES) {
            void message.error(t('suggestions.actions.tooLarge', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return false;
        }}
        onChange={({ fileList }) => onChange?.(fileList)}
      >
        <Button id={id} icon={<UploadOutlined aria-hidden />}>{t('suggestions.form.pick')}</Button>
      </Upload>
      <div className="sg-hint">{t('suggestions.actions.uploadHint')}</div>
    </div>
  );
}

/** Uploads the picked files one by one; returns what was stored and the names that failed. */
export async function uploadPicked(
  suggestionId: string, purpose: AttachmentPurpose, files: UploadFile[], describe: (name: string, err: unknown) => string,
): Promise<{ stored: Attachment[]; failed: string[] }> {
  const stored: Attachment[] = [];
  const failed: string[] = [];
  for (const f of files) {
    const raw = f.originFileObj;
    if (!raw) continue;
    try {
      stored.push(await uploadAttachment(suggestionId, purpose, raw));
    } catch (err) {
      failed.push(describe(f.name, err));
    }
  }
  return { stored, failed };
}
