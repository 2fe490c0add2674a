/**
 * 选举大会 (committee): the community's meetings (a new one is set up in new-meeting-page.tsx); the desk of one meeting —
 * attendance with the quorum live (yes or no, the numbers and the rule, decided by the server), the party members
 * excused, boxes, staff with the recusal check, proxies for a direct election within the limit, and the blank tally
 * sheets to print.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { api, authorizedFetch, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { CountInput } from '../../components/count-input';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { formatDate } from '../../components/dates';
import { BOX_KIND_ZH, EXCUSE_REASON_ZH } from './meeting-text';

const DUTY_ZH: Readonly<Record<string, string>> = { monitor: '监票人', caller: '唱票人', counter: '计票人' };

const KIND_ZH: Readonly<Record<string, string>> = { rc: '居民委员会选举大会', party: '党员大会' };
/** A meeting after the round says what it is for. */
const PURPOSE_ZH: Readonly<Record<string, string>> = { 'by-election': '（补选）', recall: '（罢免投票）' };

/** 选举会议: the community's meetings, newest first, each opening its desk; and the way to a new one. */
export function MeetingsPage() {
  const session = useSession();
  const communityId = session?.scopeId ?? '';
  const [page, setPage] = useState(1);
  const meetings = useQuery({
    queryKey: [...keys.community(communityId), 'meetings', page],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/meetings', { params: { path: { id: communityId }, query: { page, pageSize: 20 } } })),
    enabled: Boolean(communityId),
  });
  return (
    <Page
      title="选举会议"
      extra={
        <Link to="/meetings/new">
          <Button type="primary">新建会议</Button>
        </Link>
      }
    >
      <FeedbackPanel error={meetings.error} />
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          aria-label="选举会议列表"
          loading={meetings.isFetching}
          dataSource={meetings.data?.items ?? []}
          locale={{ emptyText: '尚未召开选举会议。点击“新建会议”，登记会议日期、应到人数和票箱。' }}
          pagination={{ current: page, pageSize: 20, total: meetings.data?.total ?? 0, onChange: setPage, showTotal: (total) => `共 ${total} 个会议` }}
          columns={[
            { title: '会议', dataIndex: 'kind', render: (kind: string, m) => <Link to={`/meetings/${m.id}`}>{`${KIND_ZH[kind] ?? kind}${PURPOSE_ZH[m.purpose] ?? ''}`}</Link> },
            { title: '日期', dataIndex: 'date', render: (date: string) => formatDate(date) },
            { title: '应到', dataIndex: 'expected', align: 'right' as const },
            { title: '实到', dataIndex: 'present', align: 'right' as const, render: (p: number | null) => p ?? '未登记' },
            { title: '票箱', dataIndex: 'boxes', render: (boxes: { name: string }[]) => boxes.map((b) => b.name).join('、') || '—' },
            { title: '结果', key: 'result', render: (_: unknown, m) => <Link to={`/meetings/${m.id}/result`}>查看结果</Link> },
          ]}
        />
      </Card>
    </Page>
  );
}

export function MeetingDeskPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const meeting = useQuery({
    queryKey: [...keys.meeting(id), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id } } })),
  });
  const print = useMutation({
    mutationFn: async () => {
      const response = await authorizedFetch(`/api/v1/meetings/${id}/tally-sheets/blank.pdf`);
      window.open(URL.createObjectURL(await response.blob()), '_blank');
    },
  });
  if (meeting.error) return <FeedbackPanel error={meeting.error} />;
  if (!meeting.data) return <Skeleton active />;
  const m = meeting.data;
  return (
    <Page
      title={m.kind === 'party' ? '党员大会' : '居民委员会选举大会'}
      extra={
        <>
          <Link to={`/meetings/${id}/check-in`}>
            <Button>扫码签到</Button>
          </Link>
          <Button onClick={() => print.mutate()} loading={print.isPending}>
            打印空白计票单
          </Button>
          <Link to={`/meetings/${id}/result`}>
            <Button type="primary">查看选举结果</Button>
          </Link>
        </>
      }
    >
      <FeedbackPanel error={print.error} title="暂不能打印" />
      <Descriptions styles={{ label: { color: "#595959" } }} size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="会议日期">{formatDate(m.date)}</Descriptions.Item>
        <Descriptions.Item label="投票方式">{m.ballot === 'secret' ? '无记名投票' : '举手表决'}</Descriptions.Item>
      </Descriptions>
      <Quorum meetingId={id} />
      {m.kind === 'party' ? <ExcusedMembers excused={m.excused} /> : null}
      <Boxes meetingId={id} boxes={m.boxes} />
      <Staff meetingId={id} communityId={session?.scopeId ?? ''} />
      {m.kind === 'rc' ? <Proxies meetingId={id} communityId={session?.scopeId ?? ''} /> : null}
    </Page>
  );
}

function Quorum({ meetingId }: { readonly meetingId: string }) {
  const queryClient = useQueryClient();
  const [present, setPresent] = useState('');
  const [refused, setRefused] = useState<string>();
  const quorum = useQuery({
    queryKey: [...keys.meeting(meetingId), 'quorum'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/quorum', { params: { path: { id: meetingId } } })),
    refetchInterval: 5000,
  });
  const record = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/meetings/{id}/attendance', { params: { path: { id: meetingId } }, body: { present: Number(present || 0) } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.meeting(meetingId) }),
  });
  const q = quorum.data;
  return (
    <Card size="small" title="到会人数与有效人数" style={{ marginBottom: 16 }}>
      <FeedbackPanel error={quorum.error ?? record.error} title="未能登记" />
      {q ? (
        <div role="status" aria-live="polite" style={{ display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
          <Tag color={q.quorate ? '#237804' : '#a8071a'} style={{ fontSize: 18, padding: '6px 12px' }}>
            {q.quorate ? '会议有效' : q.recorded ? '不足法定人数' : '尚未登记到会人数'}
          </Tag>
          <span style={{ fontSize: 16 }}>
            应到 <strong>{q.expected}</strong> 人，实到 <strong>{q.present}</strong> 人
          </span>
          <Typography.Text style={{ color: "#595959" }}>
            {q.ruleZh}（{q.rule}）
          </Typography.Text>
        </div>
      ) : (
        <Skeleton active paragraph={{ rows: 1 }} />
      )}
      <Form layout="inline" onFinish={() => record.mutate()}>
        <Form.Item label="实到人数" htmlFor="present">
          <CountInput id="present" value={present} onChange={setPresent} onRefused={setRefused} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          登记到会人数
        </Button>
      </Form>
      {refused ? <Typography.Text style={{ color: "#ad4e00" }}>{refused}</Typography.Text> : null}
    </Card>
  );
}

/** Those excused with the higher organisation's approval, recorded when the meeting was set up. */
function ExcusedMembers({ excused }: { readonly excused: readonly { partyMemberId: string; name: string; reason: string; approvedBy: string }[] }) {
  return (
    <Card size="small" title={`经批准请假的党员（${excused.length}人，不计入应到人数）`} style={{ marginBottom: 16 }}>
      <Table
        rowKey="partyMemberId"
        size="small"
        aria-label="经批准请假的党员"
        pagination={false}
        dataSource={excused}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '请假原因', dataIndex: 'reason', render: (r: string) => EXCUSE_REASON_ZH[r] ?? r },
          { title: '批准的上级党组织', dataIndex: 'approvedBy' },
        ]}
      />
    </Card>
  );
}

function Boxes({ meetingId, boxes }: { readonly meetingId: string; readonly boxes: { name: string; kind: string; monitors: string[] }[] }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; kind: 'main' | 'station' | 'mobile'; monitors?: string }>();
  const add = useMutation({
    mutationFn: (v: { name: string; kind: 'main' | 'station' | 'mobile'; monitors?: string }) =>
      unwrap(
        api.POST('/api/v1/meetings/{id}/boxes', {
          params: { path: { id: meetingId } },
          body: { name: v.name, kind: v.kind, monitors: (v.monitors ?? '').split(/[，,、\s]+/).filter(Boolean) },
        }),
      ),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: keys.meeting(meetingId) });
    },
  });
  return (
    <Card size="small" title="票箱" style={{ marginBottom: 16 }}>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={boxes}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', render: (_, b) => BOX_KIND_ZH[b.kind] ?? b.kind },
          { title: '监票人', render: (_, b) => b.monitors.join('、') || '—' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <FeedbackPanel error={add.error} title="未能添加票箱" />
      <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} initialValues={{ kind: 'mobile' }}>
        <Form.Item name="name" label="票箱名称" rules={[{ required: true, message: '请填写票箱名称' }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select style={{ width: 120 }} options={Object.entries(BOX_KIND_ZH).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="monitors" label="监票人">
          <Input placeholder="逗号分隔" style={{ width: 180 }} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          添加票箱
        </Button>
      </Form>
    </Card>
  );
}

function VoterSelect({ communityId, id, value, onChange }: { readonly communityId: string; readonly id: string; readonly value?: string; readonly onChange: (v: string) => void }) {
  const [q, setQ] = useState('');
  const voters = useQuery({
    queryKey: [...keys.community(communityId), 'voters', 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/voters', { params: { path: { id: communityId }, query: { q, page: 1, pageSize: 20 } } })),
    enabled: q.length > 0,
  });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder="输入姓名查找选民"
      style={{ width: 200 }}
      notFoundContent={q ? '没有找到' : '请输入姓名'}
      options={(voters.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}（${v.idNumber}）` }))}
    />
  );
}

function Staff({ meetingId, communityId }: { readonly meetingId: string; readonly communityId: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [duty, setDuty] = useState<'monitor' | 'caller' | 'counter'>('counter');
  const [voterId, setVoterId] = useState<string>();
  const staff = useQuery({
    queryKey: [...keys.meeting(meetingId), 'staff'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/staff', { params: { path: { id: meetingId }, query: { page: 1, pageSize: 100 } } })),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/meetings/{id}/staff', { params: { path: { id: meetingId } }, body: { name, duty, ...(voterId ? { voterId } : {}) } })),
    onSuccess: () => {
      setName('');
      setVoterId(undefined);
      return queryClient.invalidateQueries({ queryKey: [...keys.meeting(meetingId), 'staff'] });
    },
  });
  const rows = staff.data?.items ?? [];
  return (
    <Card size="small" title="工作人员（监票、唱票、计票；候选人及其近亲属须回避）" style={{ marginBottom: 16 }}>
      <FeedbackPanel error={staff.error} />
      {rows.length > 0 ? (
        <Space wrap style={{ marginBottom: 12 }} aria-label="已登记的工作人员">
          {rows.map((s) => (
            <Tag key={s.id}>
              {s.name} · {DUTY_ZH[s.duty] ?? s.duty}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Paragraph style={{ color: '#595959' }}>尚未登记工作人员。</Typography.Paragraph>
      )}
      <FeedbackPanel error={add.error} title="不能担任此工作（回避）" />
      <Form layout="inline" onFinish={() => add.mutate()}>
        <Form.Item label="姓名" htmlFor="staff-name" required>
          <Input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="职责" htmlFor="staff-duty">
          <Select id="staff-duty" value={duty} onChange={setDuty} style={{ width: 110 }} options={Object.entries(DUTY_ZH).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="对应选民" htmlFor="staff-voter">
          <VoterSelect id="staff-voter" communityId={communityId} {...(voterId ? { value: voterId } : {})} onChange={setVoterId} />
        </Form.Item>
        <Button htmlType="submit" disabled={!name.trim()} loading={add.isPending}>
          添加
        </Button>
      </Form>
    </Card>
  );
}

function Proxies({ meetingId, communityId }: { readonly meetingId: string; readonly communityId: string }) {
  const queryClient = useQueryClient();
  const [giver, setGiver] = useState<string>();
  const [holder, setHolder] = useState<string>();
  const list = useQuery({
    queryKey: [...keys.meeting(meetingId), 'proxies'],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/proxies', { params: { path: { id: meetingId } } })),
  });
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/meetings/{id}/proxies', { params: { path: { id: meetingId } }, body: { giverVoterId: giver!, holderVoterId: holder! } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...keys.meeting(meetingId), 'proxies'] }),
  });
  const data = list.data as unknown as { proxies?: Row[]; items?: Row[] } | undefined;
  type Row = { id: string; giver: { name: string }; holder: { name: string } };
  const rows = data?.proxies ?? data?.items ?? [];
  return (
    <Card size="small" title="委托投票（书面委托，经选举委员会同意；每人受托不超过规定人数）" style={{ marginBottom: 16 }}>
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '委托人', render: (_, p) => p.giver.name },
          { title: '受托人', render: (_, p) => p.holder.name },
        ]}
        style={{ marginBottom: 12 }}
      />
      <FeedbackPanel error={add.error} title="不能登记此委托" />
      <Form layout="inline" onFinish={() => add.mutate()}>
        <Form.Item label="委托人" htmlFor="proxy-giver">
          <VoterSelect id="proxy-giver" communityId={communityId} {...(giver ? { value: giver } : {})} onChange={setGiver} />
        </Form.Item>
        <Form.Item label="受托人" htmlFor="proxy-holder">
          <VoterSelect id="proxy-holder" communityId={communityId} {...(holder ? { value: holder } : {})} onChange={setHolder} />
        </Form.Item>
        <Button htmlType="submit" disabled={!giver || !holder} loading={add.isPending}>
          登记委托
        </Button>
      </Form>
    </Card>
  );
}
