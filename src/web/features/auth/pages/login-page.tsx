import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../../app/api/errors';
import { useAuth, type LoginState } from '../../../app/auth/auth-context';
import { AuthLayout } from '../../../components/auth-layout';
import { useLogin, useSetupStatus, type LoginInput } from '../api';

/** Sign-in. Errors come by code: wrong credentials, locked account (with minutes), and so on. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const { me, signedIn, loginReason } = useAuth();
  const setup = useSetupStatus();
  const login = useLogin();
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<LoginInput>();

  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  // After a deliberate sign-out, start afresh at the dashboard rather than the last page.
  const target = loginReason === 'LOGGED_OUT' ? '/' : (state.from ?? '/');
  if (me) return <Navigate to={me.user.mustChangePassword ? '/password' : target} replace />;

  const notice = loginReason === 'SESSION_EXPIRED' || loginReason === 'UNAUTHENTICATED'
    ? t(`errors.${loginReason}`)
    : loginReason === 'LOGGED_OUT' ? t('app.loggedOut') : null;

  const onFinish = (values: LoginInput) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (next) => {
        signedIn(next);
        void navigate(next.user.mustChangePassword ? '/password' : target, { replace: true });
      },
      onError: (err) => {
        setError(err);
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <AuthLayout>
      <Card className="auth-card" title={t('login.title')}>
        {error ? (
          <Alert type="error" showIcon title={errorMessage(t, error)} role="alert" style={{ marginBottom: 16 }} />
        ) : notice ? (
          <Alert type={loginReason === 'LOGGED_OUT' ? 'success' : 'warning'} showIcon title={notice} style={{ marginBottom: 16 }} />
        ) : null}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" maxLength={64} />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </AuthLayout>
  );
}
