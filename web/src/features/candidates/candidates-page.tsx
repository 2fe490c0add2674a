/**
 * 候选人: per contest, nominations (basis and nominators picked from the voter list), the preliminary report, the
 * publication of the official list with the surplus and the 5-day notice explained before the click, the ballot
 * order, withdrawal (the list is backfilled by the server).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Flex, Form, Popconfirm, Select, Table, Tabs, Tag, Typography } from 'antd';
import { api, unwrap, ApiError } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import type { paths } from '../../api/schema';
import { FeedbackPanel, type Justification } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { VoterPicker } from '../../components/voter-picker';
import { formatDate, todayIso } from '../../components/dates';
import { RelativesCard } from './relatives-card';

type NominationBody = NonNullable<paths['/api/v1/communities/{id}/nominations']['post']['requestBody']>['content']['application/json'];
type Nomination = paths['/api/v1/communities/{id}/nominations']['get']['responses']['200']['content']['application/json']['items'][number];
type Contest = NominationBody['contest'];

export const CONTEST_TEXT: Readonly<Record<Contest, string>> = {
  director: '居委会主任',
  deputy: '居委会副主任',
  member: '居委会委员',
  committee: '居委会成员（合并选举）',
  party: '社区党组织委员',
};

const BASIS_TEXT: Readonly<Record<NominationBody['basis'], string>> = {
  voters: '选民联名推荐',
  households: '户代表联名推荐',
  group: '居民小组推荐',
  committee: '选举委员会提名',
  self: '本人自荐',
};

const EDUCATION_TEXT: Readonly<Record<NonNullable<NominationBody['education']>, string>> = {
  primary: '小学',
  'junior-high': '初中',
  'high-school': '高中/中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
  postgraduate: '研究生',
};

const ROLE_TEXT = { police: '社区民警', graduate: '高校毕业生', public: '公开招聘' } as const;

const STATUS_TEXT: Readonly<Record<Nomination['status'], { text: string; color: string }>> = {
  preliminary: { text: '预备人选', color: '#0958d9' },
  candidate: { text: '正式候选人', color: '#237804' },
  withdrawn: { text: '已退出', color: '#595959' },
};

type Preview = paths['/api/v1/communities/{id}/candidates/preview']['get']['responses']['200']['content']['application/json'];

/** What publishing today would meet, in the server's words (CAN-LIST-NOTICE, CAN-SURPLUS): the screen decides nothing. */
export function publishExplanation(preview: Preview | undefined): { lines: string[]; blocked: boolean } {
  if (!preview) return { lines: [], blocked: false };
  const notice = preview.checks.find((c) => c.rule === 'CAN-LIST-NOTICE');
  const surplus = preview.checks.find((c) => c.rule === 'CAN-SURPLUS');
  return {
    lines: [
      `正式候选人名单最迟应于${formatDate(preview.latest)}公布（选举日${formatDate(preview.electionDay)}）；${notice?.status === 'pass' ? '今天公布符合要求。' : (notice?.messageZh ?? '')}`,
      surplus?.status === 'pass' || !surplus?.messageZh
        ? `应选${preview.seats}名，须有候选人${preview.required}名以上，现有预备人选${preview.nominees}名，符合差额要求。`
        : `${surplus.messageZh}，现在还不能公布。`,
    ],
    blocked: preview.checks.some((c) => c.status !== 'pass'),
  };
}

function ContestPanel({ communityId, contest }: { readonly communityId: string; readonly contest: Contest }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<NominationBody>();
  const basis = Form.useWatch('basis', form);
  const key = [...keys.community(communityId), 'candidates', contest] as const;
  const nominations = useQuery({
    queryKey: [...key, 'nominations'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/nominations', { params: { path: { id: communityId }, query: { contest, pageSize: 500 } } })),
    enabled: Boolean(communityId),
  });
  const list = useQuery({
    queryKey: [...key, 'list'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/communities/{id}/candidates', { params: { path: { id: communityId }, query: { contest, pageSize: 500 } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(communityId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...keys.community(communityId), 'candidates'] });
  const nominate = useMutation({
    mutationFn: (body: NominationBody) => unwrap(api.POST('/api/v1/communities/{id}/nominations', { params: { path: { id: communityId } }, body: { ...body, contest } })),
    onSuccess: (n) => {
      void message.success(`已提名 ${n.name}`);
      form.resetFields(['voterId', 'nominatorIds', 'consent']);
      return refresh();
    },
  });
  const report = useMutation({
    mutationFn: (justifications?: Justification[]) =>
      unwrap(api.POST('/api/v1/communities/{id}/candidates/preliminary-report', { params: { path: { id: communityId } }, body: { contest, reportedOn: todayIso(), ...(justifications ? { justifications } : {}) } })),
    onSuccess: (r) => {
      void message.success(`已上报预备人选${r.nominees.length}名`);
      return refresh();
    },
  });
  const publish = useMutation({
    mutationFn: (justifications?: Justification[]) =>
      unwrap(api.POST('/api/v1/communities/{id}/candidates/publish', { params: { path: { id: communityId } }, body: { contest, ...(justifications ? { justifications } : {}) } })),
    onSuccess: (l) => {
      void message.success(`${CONTEST_TEXT[contest]}正式候选人名单已公布（第${l.noticeNo}号公告）`);
      return refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/nominations/{id}/withdraw', { params: { path: { id } }, body: { on: todayIso() } })),
    onSuccess: refresh,
  });

  const active = (nominations.data?.items ?? []).filter((n) => n.status !== 'withdrawn');
  const preview = useQuery({
    queryKey: [...key, 'preview'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/candidates/preview', { params: { path: { id: communityId }, query: { contest } } })),
    enabled: Boolean(communityId),
  });
  const explanation = publishExplanation(preview.data);
  const error = nominate.error ?? report.error ?? publish.error ?? withdraw.error;
  // A soft rule asks for a reason: the same action again, with it.
  const justify = nominate.error
    ? (j: Justification[]) => nominate.mutate({ ...nominate.variables!, justifications: j })
    : report.error
      ? (j: Justification[]) => report.mutate(j)
      : publish.error
        ? (j: Justification[]) => publish.mutate(j)
        : undefined;

  return (
    <Flex vertical gap={16}>
      <FeedbackPanel error={error} title="操作未成功" onJustify={justify} pending={nominate.isPending || report.isPending || publish.isPending} />
      <Card title="提名" size="small">
        <Form<NominationBody> form={form} layout="inline" initialValues={{ basis: 'committee', education: 'high-school' }} onFinish={(v) => nominate.mutate(v)} style={{ rowGap: 8 }}>
          <Form.Item name="voterId" label="被提名人" rules={[{ required: true, message: '请从选民名单中选择被提名人' }]}>
            <VoterPicker communityId={communityId} />
          </Form.Item>
          <Form.Item name="basis" label="提名方式">
            <Select style={{ width: 150 }} options={Object.entries(BASIS_TEXT).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {basis === 'voters' || basis === 'households' ? (
            <Form.Item name="nominatorIds" label="推荐人" rules={[{ required: true, message: '请选择推荐人' }]}>
              <VoterPicker communityId={communityId} multiple />
            </Form.Item>
          ) : null}
          <Form.Item name="consent" valuePropName="checked">
            <Checkbox>被提名人本人同意{basis === 'committee' ? '（选举委员会提名须取得）' : ''}</Checkbox>
          </Form.Item>
          <Form.Item name="education" label="学历">
            <Select style={{ width: 110 }} options={Object.entries(EDUCATION_TEXT).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {contest !== 'party' ? (
            <Form.Item name="roles" label="身份">
              <Checkbox.Group options={Object.entries(ROLE_TEXT).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" loading={nominate.isPending}>
            提名
          </Button>
        </Form>
      </Card>
      <Card
        title={`提名名单（${active.length}人）`}
        size="small"
        extra={
          <Button onClick={() => report.mutate()} loading={report.isPending} disabled={active.length === 0}>
            上报预备人选
          </Button>
        }
      >
        <Table<Nomination>
          size="small"
          rowKey="id"
          dataSource={nominations.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            { title: '姓名', dataIndex: 'name' },
            { title: '提名方式', dataIndex: 'basis', render: (b: Nomination['basis']) => BASIS_TEXT[b] },
            { title: '推荐人数', dataIndex: 'nominatorIds', render: (ids: string[]) => ids.length || '—' },
            { title: '本人同意', dataIndex: 'consent', render: (consent: boolean) => (consent ? '已同意' : '—') },
            { title: '状态', dataIndex: 'status', render: (s: Nomination['status'], n) => <Tag color={STATUS_TEXT[s].color}>{STATUS_TEXT[s].text}{n.withdrawnOn ? `（${formatDate(n.withdrawnOn)}）` : ''}</Tag> },
            {
              title: '操作',
              key: 'withdraw',
              render: (_, n) =>
                n.status === 'withdrawn' ? null : (
                  <Popconfirm title={`${n.name}退出${CONTEST_TEXT[contest]}候选？`} description="退出后由得票次多的人选依次递补，名单重新公布。" okText="确定退出" cancelText="取消" onConfirm={() => withdraw.mutate(n.id)}>
                    <Button size="small">退出</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Card title="正式候选人名单" size="small">
        <Alert type={explanation.blocked ? 'warning' : 'info'} showIcon title="公布前请核对" description={explanation.lines.map((line) => <div key={line}>{line}</div>)} style={{ marginBottom: 12 }} />
        <Popconfirm title={`公布${CONTEST_TEXT[contest]}正式候选人名单`} description="按姓氏笔画确定选票上的顺序，以今天为公布日。" okText="公布" cancelText="取消" onConfirm={() => publish.mutate()} disabled={active.length === 0}>
          <Button type="primary" loading={publish.isPending} disabled={active.length === 0}>
            公布正式候选人名单
          </Button>
        </Popconfirm>
        {active.length === 0 ? <Typography.Text type="secondary" style={{ marginLeft: 8 }}>尚无提名，不能公布</Typography.Text> : null}
        {list.data ? (
          <>
            <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
              <Descriptions.Item label="公布日">{formatDate(list.data.publishedOn)}</Descriptions.Item>
              <Descriptions.Item label="公告编号">第{list.data.noticeNo}号</Descriptions.Item>
              <Descriptions.Item label="应选名额">{list.data.seats}名</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="id"
              dataSource={[...list.data.items].sort((a, b) => a.order - b.order)}
              pagination={false}
              aria-label="选票顺序"
              columns={[
                { title: '选票顺序', dataIndex: 'order', width: 100 },
                { title: '姓名（按姓氏笔画）', dataIndex: 'name' },
              ]}
            />
          </>
        ) : null}
      </Card>
    </Flex>
  );
}

export function CandidatesPage() {
  const communityId = useSession()?.scopeId ?? '';
  const [contest, setContest] = useState<Contest>('director');
  const contests: Contest[] = ['director', 'deputy', 'member', 'party'];
  return (
    <Page title="候选人">
      <Tabs
        activeKey={contest}
        onChange={(k) => setContest(k as Contest)}
        items={contests.map((c) => ({
          key: c,
          label: CONTEST_TEXT[c],
          children: <ContestPanel communityId={communityId} contest={c} />,
        }))}
        destroyOnHidden
      />
      <RelativesCard communityId={communityId} />
    </Page>
  );
}
