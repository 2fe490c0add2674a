/** 党员: the community's party roster (full and probationary members), its counts and the roster check. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { VoterPicker } from '../../components/voter-picker';
import { StatusTag, detailsText } from '../../components/check-status';

type MemberBody = NonNullable<paths['/api/v1/communities/{id}/party-members']['post']['requestBody']>['content']['application/json'];
const STATUS_TEXT = { full: '正式党员', probationary: '预备党员' } as const;

export function PartyMembersPage() {
  const communityId = useSession()?.scopeId ?? '';
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberBody>();
  const roster = useQuery({
    queryKey: [...keys.community(communityId), 'party-members'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/party-members', { params: { path: { id: communityId } } })),
    enabled: Boolean(communityId),
  });
  const add = useMutation({
    mutationFn: (body: MemberBody) => unwrap(api.POST('/api/v1/communities/{id}/party-members', { params: { path: { id: communityId } }, body })),
    onSuccess: (m) => {
      void message.success(`已加入党员名册：${m.name}`);
      form.resetFields(['name', 'voterId']);
      return queryClient.invalidateQueries({ queryKey: keys.community(communityId) });
    },
  });
  const counts = roster.data?.counts;
  const check = roster.data?.check;

  return (
    <Page title="党员">
      <FeedbackPanel error={roster.error ?? add.error} />
      {counts ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={{ xs: 2, lg: 5 }}>
            <Descriptions.Item label="名册人数">{counts.total}</Descriptions.Item>
            <Descriptions.Item label="正式党员">{counts.full}</Descriptions.Item>
            <Descriptions.Item label="预备党员">{counts.probationary}</Descriptions.Item>
            <Descriptions.Item label="已登记为选民">{counts.voters}</Descriptions.Item>
            <Descriptions.Item label="换届配置的党员数">{counts.expected}</Descriptions.Item>
          </Descriptions>
          {check ? (
            <Alert
              style={{ marginTop: 8 }}
              type={check.status === 'pass' ? 'success' : 'warning'}
              showIcon
              title={<><StatusTag status={check.status} /> {check.rule}</>}
              description={detailsText((check as { details?: unknown }).details)}
            />
          ) : null}
        </Card>
      ) : null}
      <Card title="登记党员" size="small" style={{ marginBottom: 16 }}>
        <Form<MemberBody> form={form} layout="inline" initialValues={{ status: 'full' }} onFinish={(v) => add.mutate(v)} style={{ rowGap: 8 }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="status" label="类别">
            <Select style={{ width: 120 }} options={Object.entries(STATUS_TEXT).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="voterId" label="对应选民">
            <VoterPicker communityId={communityId} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            登记
          </Button>
        </Form>
      </Card>
      <Card title="党员名册" size="small">
        <Table
          size="small"
          rowKey="id"
          dataSource={roster.data?.members ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '类别', dataIndex: 'status', render: (s: keyof typeof STATUS_TEXT) => STATUS_TEXT[s] },
            { title: '已登记为选民', dataIndex: 'voterId', render: (v: string | null) => (v ? '是' : '否') },
          ]}
        />
      </Card>
    </Page>
  );
}
