import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { TemporaryPasswordModal, type TemporaryPassword } from '../../users/components/temporary-password-modal';
import { useCreateDeputyAccount, type Deputy } from '../api';

/** Creates a login (role deputy) linked to the deputy, then shows its temporary password once. */
export function AccountModal({ deputy, onClose }: { deputy: Deputy; onClose: () => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const create = useCreateDeputyAccount(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<{ username: string }>();
  const [password, setPassword] = useState<TemporaryPassword | null>(null);

  if (password) return <TemporaryPasswordModal value={password} onClose={onClose} />;

  const onFinish = ({ username }: { username: string }) => {
    create.mutate({ id: deputy.id, username: username.trim() }, {
      onSuccess: (res) => setPassword({ kind: 'created', displayName: deputy.name, username: res.username, password: res.temporaryPassword }),
      onError: (err) => report(err, form),
    });
  };

  return (
    <Modal
      open
      title={t('deputies.account.title', { name: deputy.name })}
      okText={t('deputies.account.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('deputies.account.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ username: '' }}>
        <Form.Item
          label={t('deputies.account.username')}
          name="username"
          extra={t('deputies.account.usernameHelp')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('deputies.account.usernameInvalid') }]}
        >
          <Input maxLength={32} autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
