/**
 * 首页 of the community election committee: the community's timeline as the server plans it (GET
 * /communities/:id/timeline: each phase, each step due, done or overdue, and the next lawful step with why it is not
 * allowed yet), and the open problems from the checks, each step linking to where it is done.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, List, Row, Skeleton, Steps, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { communityChecksQuery, communityQuery, timelineQuery } from '../../api/queries';
import type { components } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { CheckDetails, StatusTag } from '../../components/check-status';
import { formatDate } from '../../components/dates';

type Timeline = components['schemas']['CommunityTimeline'];
type Step = Timeline['steps'][number];
type Phase = Timeline['phases'][number];


/** Where each step is done on screen (the handover has no screen of the committee's). */
const STEP_PATH: Readonly<Partial<Record<Step['step'], string>>> = {
  'election-notice': '/papers',
  'voter-list': '/voters',
  'candidate-list': '/candidates',
  election: '/meetings',
  filing: '/my-filing',
};

const PHASE_STATUS_ZH: Readonly<Record<Phase['status'], string>> = { past: '已结束', current: '进行中', upcoming: '未开始' };

function stepTitle(step: Step) {
  const path = STEP_PATH[step.step];
  return path ? <Link to={path}>{step.titleZh}</Link> : step.titleZh;
}

/** The line under a step: done on which day, or due by when (today, or overdue), and what it waits for. */
function stepNote(step: Step, today: string): string {
  if (step.status === 'done') return `已于${formatDate(step.doneOn!)}完成`;
  const due = step.dueBy ? `最迟${formatDate(step.dueBy)} · ` : '';
  const state = step.status === 'overdue' ? '已逾期' : step.dueBy === today ? '今天截止' : '待办';
  return `${due}${state}${step.waitsFor ? `（${step.waitsFor.messageZh}）` : ''}`;
}

const STEP_STATUS: Readonly<Record<Step['status'], 'finish' | 'error' | 'wait'>> = { done: 'finish', overdue: 'error', open: 'wait' };

function NextStep({ next }: { readonly next: NonNullable<Timeline['next']> }) {
  const due = next.dueBy ? `，最迟${formatDate(next.dueBy)}${next.overdue ? '（已逾期）' : ''}` : '';
  return (
    <Alert
      type={next.overdue ? 'error' : next.allowedNow ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <span>
          下一步：
          {STEP_PATH[next.step] ? (
            // Underlined: a link inside a sentence must not be told apart by its colour alone.
            <Link to={STEP_PATH[next.step]!} style={{ textDecoration: 'underline' }}>
              {next.titleZh}
            </Link>
          ) : (
            next.titleZh
          )}
          {due}
        </span>
      }
      description={next.allowedNow ? '今天可以办理。' : `暂不能办理：${next.whyNotZh ?? ''}`}
    />
  );
}

function TimelineCard({ timeline: t, name }: { readonly timeline: Timeline | undefined; readonly name: string }) {
  return (
    <Card title={`${name}换届进度`} style={{ marginBottom: 16 }}>
      {t ? (
        <>
          <Typography.Paragraph>
            今天是{formatDate(t.today)}，选举日为{formatDate(t.electionDay)}。
          </Typography.Paragraph>
          {t.next ? <NextStep next={t.next} /> : <Alert type="success" showIcon title="各步骤均已完成" style={{ marginBottom: 16 }} />}
          <Steps
            orientation="vertical"
            size="small"
            items={t.steps.map((s) => ({
              status: s.status === 'open' && t.next?.step === s.step ? 'process' : STEP_STATUS[s.status],
              title: stepTitle(s),
              content: stepNote(s, t.today),
            }))}
          />
        </>
      ) : (
        <Skeleton active />
      )}
    </Card>
  );
}

/** The round's phases: dates, whether past, current or to come, and what may be done in each (TML-PHASE). */
function PhasesCard({ phases }: { readonly phases: readonly Phase[] }) {
  return (
    <Card title="换届阶段" style={{ marginBottom: 16 }}>
      <Table<Phase>
        size="small"
        rowKey="name"
        aria-label="换届阶段"
        pagination={false}
        dataSource={[...phases]}
        columns={[
          { title: '阶段', dataIndex: 'name', width: 110 },
          { title: '起止日期', key: 'dates', width: 260, render: (_, p) => `${formatDate(p.from)}至${formatDate(p.to)}` },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Phase['status']) => <Tag color={s === 'current' ? 'blue' : undefined}>{PHASE_STATUS_ZH[s]}</Tag> },
          { title: '本阶段办理', dataIndex: 'actionsZh', render: (actions: string[]) => actions.join('、') || '—' },
        ]}
      />
    </Card>
  );
}

export function CommitteeHome() {
  const communityId = useSession()?.scopeId ?? '';
  const community = useQuery({ ...communityQuery(communityId), enabled: Boolean(communityId) });
  const checks = useQuery({ ...communityChecksQuery(communityId), enabled: Boolean(communityId) });
  const timeline = useQuery({ ...timelineQuery(communityId), enabled: Boolean(communityId) });
  const problems = (checks.data ?? []).filter((c) => c.status === 'fail');

  return (
    <Page title="首页">
      <FeedbackPanel error={community.error ?? timeline.error ?? checks.error} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <TimelineCard timeline={timeline.data} name={community.data?.name ?? '本社区'} />
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`待解决的问题（${problems.length}）`} extra={<Link to="/checks">全部检查</Link>} style={{ marginBottom: 16 }}>
            {checks.data ? (
              <List
                size="small"
                dataSource={problems.slice(0, 8)}
                locale={{ emptyText: <Typography.Text>目前没有不符合规则的事项</Typography.Text> }}
                renderItem={(c) => (
                  <List.Item>
                    <div>
                      <StatusTag status={c.status} /> {c.titleZh}（{c.rule}）
                      <CheckDetails details={c.details} />
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      {timeline.data ? <PhasesCard phases={timeline.data.phases} /> : null}
    </Page>
  );
}
