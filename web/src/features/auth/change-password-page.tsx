/** 修改密码: required at first login; the new token replaces the old one. */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { setToken } from '../../api/session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { useSession } from '../../api/use-session';

interface PasswordForm {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly confirm: string;
}

export function ChangePasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
    onSuccess: ({ token }) => {
      setToken(token);
      void message.success('密码已修改');
      void navigate('/', { replace: true });
    },
  });

  return (
    <Page title="修改密码">
      <Card style={{ maxWidth: 480 }}>
        {session?.mustChangePassword ? <p>首次登录，请先设置新密码。</p> : null}
        <FeedbackPanel error={change.error} title="密码未修改" />
        <Form<PasswordForm> layout="vertical" onFinish={(values) => change.mutate(values)}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            修改密码
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
