/**
 * 罢免与补选 (committee, after the round): the residents' committee members elected at the round; a seat vacated by
 * resignation or death; a recall petition and its vote (a recall that passes vacates the seat); the by-election of a
 * vacant seat (its own meeting: check-in, tally and result on the meeting's screens), its progress and, once counted,
 * the confirmation that fills the seat and issues the certificate. Every rule is the server's (AFT-RECALL,
 * AFT-BY-ELECTION, CAN-SURPLUS, the quorum and majority of the round).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { formatDate, todayIso } from '../../components/dates';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { VoterPicker } from '../../components/voter-picker';

type Member = components['schemas']['ElectedMember'];
type Recall = components['schemas']['Recall'];
type Vacancy = components['schemas']['Vacancy'];

const REASON_ZH: Record<Vacancy['reason'], string> = { resignation: '辞职', death: '死亡', recall: '罢免' };
// Dark text on the tag's light ground (contrast 4.5:1).
const VACANCY_STATUS: Record<Vacancy['status'], { label: string; color: string }> = {
  open: { label: '待补选', color: '#ad4e00' },
  'by-election': { label: '补选中', color: '#0958d9' },
  filled: { label: '已补选', color: '#135200' },
  unfilled: { label: '补选未选出', color: '#a8071a' },
};
const RECALL_STATUS: Record<Recall['status'], { label: string; color: string }> = {
  petitioned: { label: '待表决', color: '#ad4e00' },
  recalled: { label: '罢免通过', color: '#a8071a' },
  kept: { label: '罢免未通过', color: '#135200' },
};
const tag = (s: { label: string; color: string }) => <Tag style={{ color: s.color, borderColor: s.color }}>{s.label}</Tag>;

type Dialog = { kind: 'vacancy' | 'recall'; member: Member } | { kind: 'vote'; recall: Recall } | { kind: 'by-election' | 'close'; vacancy: Vacancy };

export function AfterRoundPage() {
  const communityId = useSession()?.scopeId ?? '';
  const [dialog, setDialog] = useState<Dialog>();
  const [done, setDone] = useState<string>();
  const after = useQuery({
    queryKey: [...keys.community(communityId), 'after-round'],
    enabled: Boolean(communityId),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/after-round', { params: { path: { id: communityId } } })),
  });
  const data = after.data;
  const close = (message?: string) => {
    setDialog(undefined);
    setDone(message);
  };
  return (
    <Page title="罢免与补选">
      <FeedbackPanel error={after.error} />
      {done ? <Alert type="success" showIcon role="status" title={done} closable onClose={() => setDone(undefined)} style={{ marginBottom: 16 }} /> : null}
      <Members members={data?.members ?? []} recalls={data?.recalls ?? []} vacancies={data?.vacancies ?? []} loading={after.isLoading} onAct={setDialog} />
      <Recalls recalls={data?.recalls ?? []} onVote={(recall) => setDialog({ kind: 'vote', recall })} />
      <Vacancies vacancies={data?.vacancies ?? []} onAct={setDialog} />
      {dialog ? <ActionDialog communityId={communityId} dialog={dialog} onDone={close} /> : null}
    </Page>
  );
}

/** A member's standing: vacant (and why), a recall waiting for its vote, or in office. */
function standing(m: Member, recalls: readonly Recall[], vacancies: readonly Vacancy[]) {
  const vacancy = vacancies.find((v) => v.nominationId === m.nominationId);
  if (vacancy) return { busy: true, view: tag({ label: `已出缺（${REASON_ZH[vacancy.reason]}）`, color: '#595959' }) };
  if (recalls.some((r) => r.nominationId === m.nominationId && r.status === 'petitioned')) return { busy: true, view: tag(RECALL_STATUS.petitioned) };
  return { busy: false, view: tag({ label: '在任', color: '#135200' }) };
}

function Members(props: { members: Member[]; recalls: Recall[]; vacancies: Vacancy[]; loading: boolean; onAct: (d: Dialog) => void }) {
  return (
    <Card size="small" title="本届居民委员会成员" style={{ marginBottom: 16 }}>
      <Table
        rowKey={(m) => `${m.nominationId}-${m.contest}`}
        size="small"
        aria-label="本届居民委员会成员"
        loading={props.loading}
        pagination={false}
        dataSource={props.members}
        locale={{ emptyText: '本届选举尚未产生居民委员会成员（选举结果确认后在此列出）。' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', dataIndex: 'postZh' },
          { title: '得票', dataIndex: 'votes', align: 'right' as const },
          { title: '状态', key: 'standing', render: (_: unknown, m: Member) => standing(m, props.recalls, props.vacancies).view },
          {
            title: '操作',
            key: 'act',
            render: (_: unknown, m: Member) =>
              standing(m, props.recalls, props.vacancies).busy ? null : (
                <Space>
                  <Button size="small" onClick={() => props.onAct({ kind: 'vacancy', member: m })} aria-label={`登记${m.name}出缺`}>
                    登记出缺
                  </Button>
                  <Button size="small" onClick={() => props.onAct({ kind: 'recall', member: m })} aria-label={`登记罢免${m.name}的联名`}>
                    登记罢免联名
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Recalls({ recalls, onVote }: { recalls: Recall[]; onVote: (r: Recall) => void }) {
  return (
    <Card size="small" title="罢免案" style={{ marginBottom: 16 }}>
      <Table
        rowKey="id"
        size="small"
        aria-label="罢免案"
        pagination={false}
        dataSource={recalls}
        locale={{ emptyText: '无' }}
        columns={[
          { title: '被提出罢免人', dataIndex: 'name' },
          { title: '联名', key: 'petition', render: (_: unknown, r: Recall) => `${r.base === 'voters' ? '选民' : '居民代表'}${r.petitioners}人（共${r.baseCount}人）` },
          { title: '罢免理由', dataIndex: 'reason' },
          { title: '提出日期', dataIndex: 'filedOn', render: (d: string) => formatDate(d) },
          { title: '表决', key: 'vote', render: (_: unknown, r: Recall) => (r.returned === null ? '—' : `收回${r.returned}票，赞成${r.votesFor}票，反对${r.votesAgainst}票（${formatDate(r.decidedOn)}）`) },
          { title: '状态', dataIndex: 'status', render: (s: Recall['status']) => tag(RECALL_STATUS[s]) },
          {
            title: '操作',
            key: 'act',
            render: (_: unknown, r: Recall) =>
              r.status === 'petitioned' ? (
                <Button size="small" onClick={() => onVote(r)} aria-label={`登记罢免${r.name}的表决结果`}>
                  登记表决结果
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Vacancies({ vacancies, onAct }: { vacancies: Vacancy[]; onAct: (d: Dialog) => void }) {
  return (
    <Card size="small" title="职务出缺与补选">
      <Table
        rowKey="id"
        size="small"
        aria-label="职务出缺与补选"
        pagination={false}
        dataSource={vacancies}
        locale={{ emptyText: '无出缺职务' }}
        columns={[
          { title: '原任职人', dataIndex: 'name' },
          { title: '职务', dataIndex: 'postZh' },
          { title: '出缺原因', dataIndex: 'reason', render: (r: Vacancy['reason']) => REASON_ZH[r] },
          { title: '出缺日期', dataIndex: 'occurredOn', render: (d: string) => formatDate(d) },
          { title: '状态', dataIndex: 'status', render: (s: Vacancy['status']) => tag(VACANCY_STATUS[s]) },
          { title: '补选进展', key: 'progress', render: (_: unknown, v: Vacancy) => <Progress vacancy={v} /> },
          { title: '操作', key: 'act', render: (_: unknown, v: Vacancy) => <VacancyActions vacancy={v} onAct={onAct} /> },
        ]}
      />
    </Card>
  );
}

function VacancyActions({ vacancy: v, onAct }: { vacancy: Vacancy; onAct: (d: Dialog) => void }) {
  if (v.status === 'open') {
    return (
      <Button size="small" type="primary" onClick={() => onAct({ kind: 'by-election', vacancy: v })} aria-label={`召开${v.name}职务的补选会议`}>
        召开补选
      </Button>
    );
  }
  if (!v.meetingId) return null;
  return (
    <Space wrap>
      {v.status === 'by-election' ? <Link to={`/meetings/${v.meetingId}`}>补选会议</Link> : null}
      <Link to={`/meetings/${v.meetingId}/result`}>计票结果</Link>
      {v.status === 'by-election' ? (
        <Button size="small" type="primary" onClick={() => onAct({ kind: 'close', vacancy: v })}>
          确认补选结果
        </Button>
      ) : null}
    </Space>
  );
}

/** The by-election's progress from its meeting's result: attendance and quorum, the count, who is elected. */
function Progress({ vacancy: v }: { vacancy: Vacancy }) {
  const result = useQuery({
    queryKey: [...keys.meeting(v.meetingId ?? ''), 'result'],
    enabled: v.status === 'by-election' && Boolean(v.meetingId),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/result', { params: { path: { id: v.meetingId! } } })),
  });
  if (v.status === 'filled') return `${v.filledBy}当选，当选证书第${v.certificateNumber}号`;
  if (v.status === 'unfilled') return '补选未产生当选人';
  if (v.status === 'open') return '尚未召开补选会议';
  const r = result.data;
  if (!r) return '…';
  const contest = r.contests.find((c) => c.contestId === v.contestId) ?? r.contests[0];
  const attendance = r.present === null ? '尚未登记到会人数' : `应到${r.expected}人，实到${r.present}人，${r.quorate ? '会议有效' : '不足法定人数'}`;
  const count = !contest
    ? '尚未计票'
    : contest.complete
      ? `计票完成：${contest.elected.map((e) => `${e.name}（${e.votes}票）`).join('、') || '无人当选'}`
      : `已确认计票单${contest.boxes.counted}/${contest.boxes.total}个票箱`;
  return (
    <Typography.Text>
      {formatDate(r.date)}；{attendance}；{count}
    </Typography.Text>
  );
}

const TITLES: Record<Dialog['kind'], string> = {
  vacancy: '登记职务出缺',
  recall: '登记罢免联名',
  vote: '登记罢免表决结果',
  'by-election': '召开补选会议',
  close: '确认补选结果',
};

interface Values {
  reason?: 'resignation' | 'death' | string;
  date: string;
  base?: 'voters' | 'representatives';
  petitioners?: number;
  returned?: number;
  votesFor?: number;
  votesAgainst?: number;
  expected?: number | null;
  candidates?: string[];
}

function submit(communityId: string, dialog: Dialog, v: Values): Promise<string> {
  const path = { id: communityId };
  switch (dialog.kind) {
    case 'vacancy':
      return unwrap(
        api.POST('/api/v1/communities/{id}/vacancies', {
          params: { path },
          body: { nominationId: dialog.member.nominationId, contest: dialog.member.contest, reason: v.reason as 'resignation' | 'death', occurredOn: v.date },
        }),
      ).then((x) => `已登记${x.name}的${x.postZh}职务出缺`);
    case 'recall':
      return unwrap(
        api.POST('/api/v1/communities/{id}/recalls', {
          params: { path },
          body: { nominationId: dialog.member.nominationId, contest: dialog.member.contest, base: v.base ?? 'voters', petitioners: v.petitioners ?? 0, reason: v.reason ?? '', filedOn: v.date },
        }),
      ).then((x) => `已登记罢免${x.name}的联名（${x.petitioners}人）`);
    case 'vote':
      return unwrap(
        api.POST('/api/v1/recalls/{id}/vote', {
          params: { path: { id: dialog.recall.id } },
          body: { date: v.date, returned: v.returned ?? 0, votesFor: v.votesFor ?? 0, votesAgainst: v.votesAgainst ?? 0 },
        }),
      ).then((x) => x.messageZh);
    case 'by-election':
      return unwrap(
        api.POST('/api/v1/vacancies/{id}/by-election', {
          params: { path: { id: dialog.vacancy.id } },
          body: { date: v.date, candidateVoterIds: v.candidates ?? [], ...(v.expected ? { expected: v.expected } : {}) },
        }),
      ).then((x) => `已召开补选会议，候选人：${x.candidates.map((c) => c.name).join('、')}。请在补选会议中登记到会人数，由监票人、计票人录入计票单。`);
    case 'close':
      return unwrap(api.POST('/api/v1/vacancies/{id}/close', { params: { path: { id: dialog.vacancy.id } }, body: { issuedOn: v.date } })).then((x) =>
        x.status === 'filled' ? `补选结果已确认：${x.filledBy}当选，当选证书第${x.certificateNumber}号` : '补选结果已确认：无人当选，该职务仍出缺',
      );
  }
}

function subject(dialog: Dialog): string {
  if ('member' in dialog) return `${dialog.member.name}（${dialog.member.postZh}）`;
  if ('recall' in dialog) return `罢免${dialog.recall.name}：联名${dialog.recall.petitioners}人`;
  return `${dialog.vacancy.name}（${dialog.vacancy.postZh}）`;
}

function ActionDialog({ communityId, dialog, onDone }: { communityId: string; dialog: Dialog; onDone: (message?: string) => void }) {
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const act = useMutation({
    mutationFn: (v: Values) => submit(communityId, dialog, v),
    onSuccess: async (message) => {
      await client.invalidateQueries({ queryKey: keys.community(communityId) });
      onDone(message);
    },
  });
  return (
    <Modal open title={TITLES[dialog.kind]} okText="确定" cancelText="取消" confirmLoading={act.isPending} onOk={() => form.submit()} onCancel={() => onDone()} destroyOnHidden>
      <Typography.Paragraph>{subject(dialog)}</Typography.Paragraph>
      <FeedbackPanel error={act.error} title="未能登记" />
      <Form<Values> form={form} layout="vertical" initialValues={{ date: todayIso(), reason: dialog.kind === 'vacancy' ? 'resignation' : undefined, base: 'voters' }} onFinish={(v) => act.mutate(v)}>
        <DialogFields communityId={communityId} kind={dialog.kind} />
      </Form>
    </Modal>
  );
}

const DATE_LABEL: Record<Dialog['kind'], string> = { vacancy: '出缺日期', recall: '提出日期', vote: '表决日期', 'by-election': '补选会议日期', close: '颁发当选证书日期' };
const required = (message: string) => [{ required: true, message }];

function DialogFields({ communityId, kind }: { communityId: string; kind: Dialog['kind'] }) {
  const count = (name: keyof Values, label: string) => (
    <Form.Item name={name} label={label} rules={required(`请填写${label}`)}>
      <InputNumber min={0} precision={0} style={{ width: 200 }} />
    </Form.Item>
  );
  return (
    <>
      <Form.Item name="date" label={DATE_LABEL[kind]} rules={required('请填写日期')}>
        <Input type="date" style={{ width: 200 }} />
      </Form.Item>
      {kind === 'vacancy' ? (
        <Form.Item name="reason" label="出缺原因">
          <Select style={{ width: 200 }} options={[{ value: 'resignation', label: '辞职' }, { value: 'death', label: '死亡' }]} />
        </Form.Item>
      ) : null}
      {kind === 'recall' ? (
        <>
          <Form.Item name="base" label="联名人">
            <Select style={{ width: 200 }} options={[{ value: 'voters', label: '本社区登记选民' }, { value: 'representatives', label: '居民代表' }]} />
          </Form.Item>
          {count('petitioners', '联名人数')}
          <Form.Item name="reason" label="罢免理由" rules={required('请填写罢免理由')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'vote' ? (
        <>
          {count('returned', '收回选票')}
          {count('votesFor', '赞成票')}
          {count('votesAgainst', '反对票')}
        </>
      ) : null}
      {kind === 'by-election' ? (
        <>
          <Form.Item name="candidates" label="补选候选人（按选票顺序；人数须符合差额要求）" rules={required('请选择候选人')}>
            <VoterPicker communityId={communityId} multiple />
          </Form.Item>
          <Form.Item name="expected" label="应到人数" extra="不填则按选民名册或居民代表名单计算。">
            <InputNumber min={0} precision={0} style={{ width: 200 }} />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}
