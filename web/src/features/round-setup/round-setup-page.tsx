/**
 * 新建换届 / 社区设置: a guided form. Step 1 names the round, picks the rule profile (its figures shown) and dates the
 * three phases; step 2 adds the communities one by one or from an Excel sheet, each with the legal dates that follow
 * from its election day (voter list, candidate list, handover), as the service computes them from the profile.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api, authorizedFetch, unwrap } from '../../api/client';
import { keys, meQuery, roundQuery } from '../../api/queries';
import { FeedbackPanel, type Justification } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { rememberRound } from './remembered';
import { adjustedOf, ProfileAdjustments, useAdjustable } from './profile-adjustments';
import { ElectionDayCell, PostponeElection } from './postpone-election';
import { formatDate } from '../../components/dates';

const PHASES = ['宣传发动', '选举实施', '总结验收'] as const;
const METHODS = [
  { value: 'direct', label: '直接选举' },
  { value: 'congress', label: '居民代表会议选举' },
  { value: 'household', label: '户代表选举' },
] as const;
const PARTY_TYPES = [
  { value: 'branch', label: '党支部' },
  { value: 'general', label: '党总支' },
  { value: 'committee', label: '党委' },
] as const;
/** The profile figures a street checks first, with what they mean. */
const PROFILE_FIGURES: ReadonlyArray<readonly [string, string, string]> = [
  ['voterListNoticeDays', '选民名单于选举日前公布', '天'],
  ['candidateListNoticeDays', '正式候选人名单于选举日前公布', '天'],
  ['objectionDays', '对选民名单有异议的申诉期', '天'],
  ['handoverDays', '选举后完成新老班子交接', '天内'],
  ['prelimReportDeadline', '候选人预备人选报街道截止', ''],
];

/** A parameter's value as a clerk reads it. */
const shown = (value: unknown) => (value === true ? '是' : value === false ? '否' : String(value));
const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

interface RoundForm {
  name: string;
  profile: string;
  phases: [Dayjs, Dayjs][];
  overrides?: Record<string, number | boolean>;
  reasons?: Record<string, string>;
}

function CreateRound() {
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const profiles = useQuery({ queryKey: [...keys.all, 'profiles'], queryFn: () => unwrap(api.GET('/api/v1/profiles')) });
  const [form] = Form.useForm<RoundForm>();
  const profileName = Form.useWatch('profile', form) ?? 'lanzhou-2010';
  const profile = (profiles.data?.profiles[profileName] ?? {}) as Record<string, unknown>;
  const adjustable = useAdjustable(profileName, profile);
  const create = useMutation({
    mutationFn: (values: RoundForm) => {
      const adjusted = adjustedOf(adjustable, values.overrides);
      return unwrap(
        api.POST('/api/v1/rounds', {
          body: {
            name: values.name,
            streetId: me.data!.scopeId!,
            profile: adjusted.length === 0 ? values.profile : { base: values.profile, ...Object.fromEntries(adjusted.map((a) => [a.parameter, values.overrides![a.parameter]])) },
            ...(adjusted.length === 0 ? {} : { profileReasons: Object.fromEntries(adjusted.map((a) => [a.parameter, values.reasons?.[a.parameter] ?? ''])) }),
            phases: PHASES.map((name, i) => ({ name, from: fmt(values.phases[i]![0]), to: fmt(values.phases[i]![1]) })),
          },
        }),
      );
    },
    onSuccess: (round) => {
      rememberRound(round);
      void navigate(`/round-setup/${round.id}`);
    },
  });
  const today = dayjs();
  return (
    <Card title="第一步：换届轮次与工作阶段">
      <FeedbackPanel error={create.error} />
      <Form<RoundForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          profile: 'lanzhou-2010',
          phases: [
            [today.subtract(10, 'day'), today.subtract(1, 'day')],
            [today, today.add(40, 'day')],
            [today.add(41, 'day'), today.add(70, 'day')],
          ],
        }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="name" label="换届名称" rules={[{ required: true, message: '请填写换届名称' }]}>
          <Input placeholder="如：2026年张掖路街道社区两委换届选举" />
        </Form.Item>
        <Form.Item name="profile" label="规则配置">
          <Select
            onChange={(name: string) => form.setFieldsValue({ overrides: (profiles.data?.profiles[name] ?? {}) as Record<string, number | boolean>, reasons: {} })}
            options={Object.keys(profiles.data?.profiles ?? { 'lanzhou-2010': {} }).map((p) => ({ value: p, label: p === 'lanzhou-2010' ? '兰州市七里河区（2010）' : p === 'yiwu-2007' ? '义乌市（2007）' : p }))} />
        </Form.Item>
        <p>各项规则的数值取自所选的文件依据；下表列出主要时限。</p>
        <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
          {PROFILE_FIGURES.map(([key, label, unit]) => (
            <Descriptions.Item key={key} label={label}>
              {profile[key] === null || profile[key] === undefined ? '不要求' : `${String(profile[key])}${unit}`}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <ProfileAdjustments adjustable={adjustable} />
        {PHASES.map((name, i) => (
          <Form.Item key={name} name={['phases', i]} label={`${name}阶段`} rules={[{ required: true, message: `请选择${name}阶段的起止日期` }]}>
            <DatePicker.RangePicker aria-label={`${name}阶段`} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={create.isPending} disabled={!me.data?.scopeId}>
          创建换届，下一步添加社区
        </Button>
      </Form>
    </Card>
  );
}

interface CommunityForm {
  name: string;
  code: string;
  method: 'direct' | 'congress' | 'household';
  households: number;
  electionDay: Dayjs;
  director: number;
  deputies: number;
  members: number;
  partyType: 'branch' | 'general' | 'committee';
  partyMembers: number;
  partySeats: number;
}

function Communities({ roundId }: { readonly roundId: string }) {
  const queryClient = useQueryClient();
  const round = useQuery(roundQuery(roundId));
  const list = useQuery({
    queryKey: [...keys.round(roundId), 'communities'],
    queryFn: () => unwrap(api.GET('/api/v1/rounds/{id}/communities', { params: { path: { id: roundId } } })),
  });
  const [form] = Form.useForm<CommunityForm>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.round(roundId) });
  const add = useMutation({
    mutationFn: (v: CommunityForm & { justifications?: Justification[] }) =>
      unwrap(
        api.POST('/api/v1/rounds/{id}/communities', {
          params: { path: { id: roundId } },
          body: {
            name: v.name,
            code: v.code,
            method: v.method,
            households: v.households,
            electionDay: fmt(v.electionDay),
            rcSeats: { director: v.director, deputies: v.deputies, members: v.members },
            party: { type: v.partyType, members: v.partyMembers, seats: v.partySeats },
            ...(v.justifications ? { justifications: v.justifications } : {}),
          },
        }),
      ),
    onSuccess: () => {
      // The next community starts from a blank name and code (the seats and the method are usually the same).
      form.resetFields(['name', 'code']);
      return refresh();
    },
  });
  const importSheet = useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      const response = await authorizedFetch(`/api/v1/rounds/${roundId}/communities/import`, { method: 'POST', body });
      return (await response.json()) as { accepted: number; total: number; rejected: { row: number; message: string }[] };
    },
    onSuccess: () => void refresh(),
  });
  const election = round.data?.phases.find((p) => p.name === '选举实施');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`第二步：${round.data?.name ?? ''}的社区`} extra={round.data ? `选举实施阶段 ${formatDate(election?.from)} 至 ${formatDate(election?.to)}` : null}>
        <FeedbackPanel error={list.error ?? round.error} />
        {round.data && round.data.profileChanges.length > 0 ? (
          <Alert
            type="warning"
            style={{ marginBottom: 16 }}
            message={`本轮规则配置在基础配置上调整了${round.data.profileChanges.length}项参数`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {round.data.profileChanges.map((c) => (
                  <li key={c.parameter}>
                    {c.labelZh}：{shown(c.from)} → {shown(c.to)}（理由：{c.reason}）
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Table
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          // One line a community (a date split over two lines misreads on a 1024-wide tablet): the table scrolls, the
          // action stays in view.
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '社区', dataIndex: 'name' },
            { title: '代码', dataIndex: 'code' },
            { title: '选举方式', dataIndex: 'method', render: (m: string) => METHODS.find((x) => x.value === m)?.label ?? m },
            { title: '户数', dataIndex: 'households', align: 'right' },
            { title: '选举日', key: 'electionDay', render: (_: unknown, c) => <ElectionDayCell community={c} /> },
            { title: '选民名单最迟公布', key: 'vl', render: (_: unknown, c) => formatDate(c.deadlines.voterListBy) },
            { title: '候选人名单最迟公布', key: 'cl', render: (_: unknown, c) => formatDate(c.deadlines.candidateListBy) },
            { title: '交接最迟', key: 'ho', render: (_: unknown, c) => formatDate(c.deadlines.handoverBy) },
            { title: '操作', key: 'actions', fixed: 'right', render: (_: unknown, c) => <PostponeElection community={c} roundId={roundId} /> },
          ]}
        />
      </Card>
      <Card title="逐个添加社区">
        <FeedbackPanel error={add.error} title="社区未能添加" onJustify={(j) => add.mutate({ ...add.variables!, justifications: j })} pending={add.isPending} />
        <Form<CommunityForm>
          form={form}
          layout="inline"
          initialValues={{ method: 'direct', director: 1, deputies: 2, members: 4, partyType: 'branch', partyMembers: 30, partySeats: 5, households: 500 }}
          onFinish={(v) => add.mutate(v)}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="name" label="社区名称" rules={[{ required: true, message: '请填写社区名称' }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="code" label="代码" rules={[{ required: true, pattern: /^[\w-]+$/, message: '字母、数字或短横线' }]}>
            <Input style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="method" label="选举方式">
            <Select style={{ width: 150 }} options={[...METHODS]} />
          </Form.Item>
          <Form.Item name="households" label="户数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="electionDay" label="选举日" rules={[{ required: true, message: '请选择选举日' }]}>
            <DatePicker aria-label="选举日" />
          </Form.Item>
          <Form.Item name="director" label="主任">
            <InputNumber min={0} max={5} style={{ width: 60 }} />
          </Form.Item>
          <Form.Item name="deputies" label="副主任">
            <InputNumber min={0} max={20} style={{ width: 60 }} />
          </Form.Item>
          <Form.Item name="members" label="委员">
            <InputNumber min={0} max={30} style={{ width: 60 }} />
          </Form.Item>
          <Form.Item name="partyType" label="党组织">
            <Select style={{ width: 100 }} options={[...PARTY_TYPES]} />
          </Form.Item>
          <Form.Item name="partyMembers" label="党员人数">
            <InputNumber min={0} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="partySeats" label="党组织委员职数">
            <InputNumber min={0} style={{ width: 60 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            添加社区
          </Button>
        </Form>
      </Card>
      <Card title="从Excel表格导入社区">
        <p>表头：社区名称、社区代码、选举方式、主任职数、副主任职数、委员职数、户数、选举日、党组织类型、党员人数、党组织委员职数。</p>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => (importSheet.mutate(file), false)}>
          <Button icon={<UploadOutlined />} loading={importSheet.isPending}>
            选择表格文件
          </Button>
        </Upload>
        <FeedbackPanel error={importSheet.error} title="表格未能导入" />
        {importSheet.data ? (
          <Alert
            style={{ marginTop: 12 }}
            type={importSheet.data.rejected.length ? 'warning' : 'success'}
            showIcon
            title={`共${importSheet.data.total}行，导入${importSheet.data.accepted}个社区${importSheet.data.rejected.length ? `，${importSheet.data.rejected.length}行未导入` : ''}`}
            description={
              importSheet.data.rejected.length ? (
                <ul style={{ margin: 0 }}>
                  {importSheet.data.rejected.map((r) => (
                    <li key={r.row}>
                      第{r.row}行：{r.message}
                    </li>
                  ))}
                </ul>
              ) : null
            }
          />
        ) : null}
      </Card>
    </Space>
  );
}

export function RoundSetupPage() {
  const { roundId } = useParams();
  return (
    <Page title={roundId ? '社区设置' : '新建换届'} extra={roundId ? <Link to={`/users/${roundId}`}>下一步：创建社区账户</Link> : null}>
      {roundId ? <Communities roundId={roundId} /> : <CreateRound />}
    </Page>
  );
}
