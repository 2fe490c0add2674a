/** 异议处理: record an objection to the published voter list, decide it, see the list change. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { VoterPicker } from '../../components/voter-picker';
import { formatDate } from '../../components/dates';
import { votersKey } from './queries';

type ObjectionBody = NonNullable<paths['/api/v1/communities/{id}/objections']['post']['requestBody']>['content']['application/json'];
type Objection = paths['/api/v1/communities/{id}/objections']['get']['responses']['200']['content']['application/json']['items'][number];

const KIND_TEXT = { add: '漏登补登', remove: '不应登记', correct: '信息有误' } as const;
const STATUS_TEXT = { pending: { text: '待处理', color: '#0958d9' }, upheld: { text: '成立', color: '#237804' }, rejected: { text: '不成立', color: '#595959' } } as const;

interface FormValues {
  kind: ObjectionBody['kind'];
  voterId?: string;
  idNumber?: string;
  name?: string;
  reason: string;
  filedBy: string;
}

export function Objections({ communityId }: { readonly communityId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const list = useQuery({
    queryKey: [...votersKey(communityId), 'objections'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/objections', { params: { path: { id: communityId } } })),
    enabled: Boolean(communityId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: votersKey(communityId) });
  const file = useMutation({
    mutationFn: (v: FormValues) => {
      const person = v.kind === 'remove' ? undefined : { idNumber: v.idNumber ?? '', name: v.name ?? '', residency: 'registered' as const };
      const body = { kind: v.kind, reason: v.reason, filedBy: v.filedBy, ...(v.voterId ? { voterId: v.voterId } : {}), ...(person ? { person } : {}) } as ObjectionBody;
      return unwrap(api.POST('/api/v1/communities/{id}/objections', { params: { path: { id: communityId } }, body }));
    },
    onSuccess: () => {
      void message.success('异议已登记');
      form.resetFields();
      return refresh();
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'upheld' | 'rejected' }) =>
      unwrap(api.POST('/api/v1/objections/{id}/decision', { params: { path: { id } }, body: { decision, reason: decision === 'upheld' ? '经核实异议成立' : '经核实异议不成立' } })),
    onSuccess: (decided) => {
      if (decided.republished) void message.success(`选民名单已按处理决定更改并重新公布（第${decided.republished.noticeNo}号公告）`);
      return refresh();
    },
  });

  if (!list.data?.voterList) return null;
  return (
    <Card title="异议处理" style={{ marginBottom: 16 }}>
      <FeedbackPanel error={file.error ?? decide.error} title="异议未处理" />
      <Form<FormValues> form={form} name="objection" layout="inline" initialValues={{ kind: 'add' }} onFinish={(v) => file.mutate(v)} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="kind" label="异议类型">
          <Select style={{ width: 120 }} options={Object.entries(KIND_TEXT).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {kind !== 'add' ? (
          <Form.Item name="voterId" label="选民" rules={[{ required: true, message: '请选择选民' }]}>
            <VoterPicker communityId={communityId} />
          </Form.Item>
        ) : null}
        {kind !== 'remove' ? (
          <>
            <Form.Item name="idNumber" label="身份证号码" rules={[{ required: true, message: '请输入身份证号码' }]}>
              <Input style={{ width: 190 }} maxLength={18} />
            </Form.Item>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
              <Input style={{ width: 100 }} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请输入理由' }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="filedBy" label="提出人" rules={[{ required: true, message: '请输入提出人' }]}>
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Button htmlType="submit" loading={file.isPending}>
          登记异议
        </Button>
      </Form>
      <Table<Objection>
        size="small"
        rowKey="id"
        dataSource={list.data.items}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '提出日期', dataIndex: 'filedOn', render: (d: string) => formatDate(d) },
          { title: '类型', dataIndex: 'kind', render: (k: Objection['kind']) => KIND_TEXT[k] },
          { title: '涉及人员', key: 'who', render: (_, o) => String((o.person as { name?: string } | null)?.name ?? '') || '—' },
          { title: '理由', dataIndex: 'reason' },
          { title: '提出人', dataIndex: 'filedBy' },
          { title: '结果', dataIndex: 'status', render: (s: Objection['status']) => <Tag color={STATUS_TEXT[s].color}>{STATUS_TEXT[s].text}</Tag> },
          {
            title: '处理',
            key: 'decide',
            render: (_, o) =>
              o.status === 'pending' ? (
                <Space>
                  <Popconfirm title="认定异议成立并按其更正选民名单？" okText="成立" cancelText="取消" onConfirm={() => decide.mutate({ id: o.id, decision: 'upheld' })}>
                    <Button size="small">成立</Button>
                  </Popconfirm>
                  <Popconfirm title="认定异议不成立？" okText="不成立" cancelText="取消" onConfirm={() => decide.mutate({ id: o.id, decision: 'rejected' })}>
                    <Button size="small">不成立</Button>
                  </Popconfirm>
                </Space>
              ) : (
                formatDate(o.decidedOn)
              ),
          },
        ]}
      />
    </Card>
  );
}
