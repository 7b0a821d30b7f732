import { Alert, App, Button, Card, Form, Input, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { AuthLayout } from '../../../components/auth-layout';
import { PasswordPolicy, passwordRule } from '../../../components/password-policy';
import { QueryError } from '../../../components/query-error';
import { useSetupStatus } from '../../auth/api';
import { useRunSetup, type SetupInput } from '../api';

interface Values extends SetupInput {
  confirm: string;
}

const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

/** First run: shown only while the server says setup is needed. */
export default function SetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const status = useSetupStatus();
  const run = useRunSetup();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const password = Form.useWatch('password', form) ?? '';
  const username = Form.useWatch('username', form) ?? '';

  if (status.isPending) return <div className="full-page-spin"><Spin size="large" /></div>;
  if (status.isError) return <AuthLayout><QueryError error={status.error} onRetry={() => void status.refetch()} /></AuthLayout>;
  if (!status.data.needed) return <Navigate to="/login" replace />;

  const onFinish = ({ confirm: _confirm, ...input }: Values) => {
    run.mutate(input, {
      onSuccess: () => {
        void message.success(t('setup.done'));
        void navigate('/login', { replace: true });
      },
      onError: (err) => {
        report(err, form);
        if (err instanceof ApiError && err.code.startsWith('TOWNSHIP_')) form.setFields([{ name: 'townshipCode', errors: [errorMessage(t, err)] }]);
      },
    });
  };

  return (
    <AuthLayout>
      <Card className="auth-card wide" title={t('setup.title')}>
        <Alert type="info" showIcon title={t('setup.intro')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item label={t('setup.townshipCode')} name="townshipCode" extra={t('setup.townshipCodeHelp')}
            rules={[{ required: true, pattern: /^\d{9}$/, message: t('setup.townshipCodeInvalid') }]}>
            <Input inputMode="numeric" maxLength={9} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('setup.username')} name="username" extra={t('setup.usernameHelp')}
            rules={[{ required: true, pattern: USERNAME, message: t('setup.usernameInvalid') }]}>
            <Input autoComplete="username" maxLength={32} />
          </Form.Item>
          <Form.Item label={t('setup.displayName')} name="displayName"
            rules={[{ required: true, whitespace: true, max: 50, message: t('common.required', { field: t('setup.displayName') }) }]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <PasswordPolicy password={password} username={username} />
          <Form.Item label={t('setup.password')} name="password"
            rules={[{ required: true, message: t('common.required', { field: t('setup.password') }) }, passwordRule(() => String(form.getFieldValue('username') ?? ''), t)]}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('setup.confirmPassword')} name="confirm" dependencies={['password']}
            rules={[
              { required: true, message: t('common.required', { field: t('setup.confirmPassword') }) },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('password')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={run.isPending}>{t('setup.submit')}</Button>
        </Form>
      </Card>
    </AuthLayout>
  );
}
