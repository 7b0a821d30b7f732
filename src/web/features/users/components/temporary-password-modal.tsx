import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface TemporaryPassword {
  /** 'created' after a new account, 'reset' after a reset. */
  kind: 'created' | 'reset';
  displayName: string;
  username: string;
  password: string;
}

/** Shows a temporary password once, with a copy button; it is not kept anywhere after closing. */
export function TemporaryPasswordModal({ value, onClose }: { value: TemporaryPassword; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value.password);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('users.tempTitle')}
      onCancel={onClose}
      maskClosable={false}
      closable={false}
      footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(value.kind === 'created' ? 'users.tempCreated' : 'users.tempReset', { name: value.displayName })}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('users.tempNotice')} style={{ marginBottom: 16 }} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <output className="temp-password" aria-label={t('users.tempLabel', { username: value.username })} style={{ flex: 1 }} data-testid="temporary-password">
          {value.password}
        </output>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copy()} aria-label={t('users.copyPassword')}>{t('common.copy')}</Button>
      </div>
    </Modal>
  );
}
