import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { problemText } from './ProblemAlert';
import { landingPath, useSession } from './session';

/** 登录: 用户名, 密码, 登录; a wrong password or a locked account is said in words. */
export function LoginPage() {
  const { m, t, language, setLanguage } = useI18n();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  if (user) return <Navigate to={from ?? landingPath(user)} replace />;
  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const signedIn = await login(username, password);
      navigate(from ?? landingPath(signedIn), { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(m.wrongCredentials);
      else if (e instanceof ApiError && (e.status === 429 || e.status === 423)) {
        const seconds = Number(e.headers.get('retry-after') ?? e.problem.retryAfterSeconds ?? 60);
        setError(t(m.accountLocked, { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
      } else setError(problemText(e, m, t, language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login-page">
      <Card className="login-card" title={<h1 className="login-title">{m.loginTitle}</h1>}>
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={m.username}
            name="username"
            rules={[{ required: true, message: t(m.required, { field: m.username }) }]}
          >
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label={m.password}
            name="password"
            rules={[{ required: true, message: t(m.required, { field: m.password }) }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          {error && <Alert type="error" role="alert" showIcon message={error} className="form-alert" />}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {m.login}
          </Button>
        </Form>
        <Button
          type="link"
          onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
          lang={language === 'zh-CN' ? 'en' : 'zh-CN'}
        >
          {m.switchLanguage}
        </Button>
      </Card>
    </main>
  );
}
