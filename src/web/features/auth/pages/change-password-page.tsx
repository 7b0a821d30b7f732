import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { AuthLayout } from '../../../components/auth-layout';
import { PageHeader } from '../../../components/page-header';
import { PasswordPolicy, passwordRule } from '../../../components/password-policy';
import { useChangePassword } from '../api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; forced (alone on the page) after first sign-in or a reset. */
export default function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me, refresh, logout } = useAuth();
  const change = useChangePassword();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const username = me?.user.username ?? '';

  const onFinish = (values: Values) => {
    change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword }, {
      onSuccess: async () => {
        void message.success(t('password.done'));
        form.resetFields();
        await refresh();
        if (forced) void navigate('/', { replace: true });
      },
      onError: (err) => report(err, form, { password: 'newPassword' }),
    });
  };

  const body = (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} style={{ maxWidth: 440 }}>
      {/* The username field lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}>
        <Input.Password autoComplete="current-password" maxLength={200} />
      </Form.Item>
      <PasswordPolicy password={newPassword} username={username} />
      <Form.Item label={t('password.new')} name="newPassword" rules={[{ required: true, message: t('common.required', { field: t('password.new') }) }, passwordRule(() => username, t)]}>
        <Input.Password autoComplete="new-password" maxLength={200} />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required', { field: t('password.confirm') }) },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={200} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12 }}>
        <Button type="primary" htmlType="submit" loading={change.isPending}>{t('password.submit')}</Button>
        {forced ? <Button onClick={() => void logout()}>{t('app.logout')}</Button> : null}
      </div>
    </Form>
  );

  if (forced) {
    return (
      <AuthLayout>
        <Card className="auth-card wide" title={t('password.title')}>
          <Alert type="warning" showIcon title={t('password.forcedNotice')} style={{ marginBottom: 16 }} />
          {body}
        </Card>
      </AuthLayout>
    );
  }
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card>{body}</Card>
    </>
  );
}
