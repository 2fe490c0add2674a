/** 登录: 用户名, 密码, 登录 (Enter submits). */
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { setToken } from '../../api/session';
import { FeedbackPanel } from '../../components/feedback-panel';

interface LoginForm {
  readonly username: string;
  readonly password: string;
}

export function LoginPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const login = useMutation({
    mutationFn: (body: LoginForm) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: ({ token, mustChangePassword }) => {
      setToken(token);
      const next = search.get('next');
      const target = mustChangePassword ? '/password' : next?.startsWith('/') && !next.startsWith('//') ? next : '/';
      void navigate(target, { replace: true });
    },
  });

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          社区两委换届选举管理系统
        </Typography.Title>
        <FeedbackPanel error={login.error} title="登录未成功" />
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
