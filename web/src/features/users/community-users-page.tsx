/** 账户管理: the street creates the election committee's and the scrutineers' accounts of its communities, resets, deactivates. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';

const ROLE_ZH: Record<string, string> = { committee: '社区居民选举委员会', scrutineer: '监票人/计票人' };

export function CommunityUsersPage() {
  const { roundId = '' } = useParams();
  const queryClient = useQueryClient();
  const communities = useQuery({
    queryKey: [...keys.round(roundId), 'communities'],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/communities', { params: { path: { id: roundId } } })),
  });
  const [picked, setPicked] = useState<string | undefined>();
  const communityId = picked ?? communities.data?.items[0]?.id;
  const usersKey = [...keys.community(communityId ?? ''), 'users'];
  const users = useQuery({
    queryKey: usersKey,
    enabled: Boolean(communityId),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/users', { params: { path: { id: communityId! } } })),
  });
  const [form] = Form.useForm<{ username: string; password: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey });
  const create = useMutation({
    mutationFn: (v: { username: string; password: string }) =>
      unwrap(api.POST('/api/v1/communities/{id}/users', { params: { path: { id: communityId! } }, body: { ...v, role: 'committee' } })),
    onSuccess: () => {
      form.resetFields();
      void refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (userId: string) => unwrap(api.POST('/api/v1/communities/{id}/users/{userId}/password', { params: { path: { id: communityId!, userId } } })),
  });
  const deactivate = useMutation({
    mutationFn: (userId: string) => unwrap(api.POST('/api/v1/communities/{id}/users/{userId}/deactivate', { params: { path: { id: communityId!, userId } } })),
    onSuccess: () => void refresh(),
  });
  return (
    <Page title="账户管理">
      <FeedbackPanel error={communities.error ?? users.error ?? reset.error ?? deactivate.error} />
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="community-pick">社区</label>
        <Select
          id="community-pick"
          style={{ width: 240 }}
          value={communityId}
          onChange={setPicked}
          options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
      </Space>
      <Card title="新建选举委员会账户" style={{ marginBottom: 16 }}>
        <FeedbackPanel error={create.error} title="账户未能创建" />
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={!communityId}>
            创建账户
          </Button>
        </Form>
        <p style={{ marginTop: 8, marginBottom: 0 }}>监票人、计票人的账户在社区建立选举会议后为该会议创建。</p>
      </Card>
      {reset.data?.generatedPassword ? (
        <Alert style={{ marginBottom: 16 }} type="success" showIcon title={`${reset.data.user.username} 的新密码：${reset.data.generatedPassword}`} description="请当面告知本人，首次登录须修改密码。" />
      ) : null}
      <Table
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '角色', dataIndex: 'role', render: (r: string, u: { id: string; active: boolean; username: string; chief: boolean }) => `${ROLE_ZH[r] ?? r}${u.chief ? '（总监票人）' : ''}` },
          { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <span>正常</span> : <span>已停用</span>) },
          {
            title: '操作',
            key: 'ops',
            render: (_: unknown, u: { id: string; active: boolean; username: string; chief: boolean }) => (
              <Space>
                <Popconfirm title={`重置 ${u.username} 的密码？`} okText="重置" cancelText="取消" onConfirm={() => reset.mutate(u.id)}>
                  <Button size="small">重置密码</Button>
                </Popconfirm>
                <Popconfirm title={`停用 ${u.username}？`} okText="停用" cancelText="取消" onConfirm={() => deactivate.mutate(u.id)}>
                  <Button size="small" disabled={!u.active}>
                    停用
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Page>
  );
}
