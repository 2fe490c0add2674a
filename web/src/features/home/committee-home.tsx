/**
 * 首页 of the community election committee: the steps up to the election day with their latest dates (what is due
 * today, what is overdue), and the open problems from the checks, each linking to where it is fixed.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Row, Skeleton, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { communityChecksQuery, communityQuery } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { CheckDetails, StatusTag } from '../../components/check-status';
import { dayjs, formatDate, todayIso } from '../../components/dates';

export interface Milestone {
  readonly title: string;
  readonly date: string;
  /** The rule whose passing check marks the step done. */
  readonly rule?: string;
  readonly path: string;
}

/** The community's steps, dated back from its election day (the profile's customary notice periods). */
export function milestonesOf(electionDay: string): Milestone[] {
  const before = (days: number) => dayjs(electionDay).subtract(days, 'day').format('YYYY-MM-DD');
  return [
    { title: '公布选民名单', date: before(20), rule: 'VOT-LIST-PUBLISH', path: '/voters' },
    { title: '推选居民代表', date: before(10), rule: 'REP-COUNT', path: '/representatives' },
    { title: '公布正式候选人名单', date: before(5), rule: 'CAN-LIST-NOTICE', path: '/candidates' },
    { title: '召开选举大会', date: electionDay, path: '/papers' },
  ];
}

export function milestoneState(m: Milestone, today: string, passed: ReadonlySet<string>): 'finish' | 'error' | 'process' | 'wait' {
  if (m.rule && passed.has(m.rule)) return 'finish';
  if (today > m.date) return 'error';
  if (today === m.date) return 'process';
  return 'wait';
}

export function CommitteeHome() {
  const communityId = useSession()?.scopeId ?? '';
  const community = useQuery({ ...communityQuery(communityId), enabled: Boolean(communityId) });
  const checks = useQuery({ ...communityChecksQuery(communityId), enabled: Boolean(communityId) });
  const today = todayIso();
  const passed = new Set((checks.data ?? []).filter((c) => c.status === 'pass').map((c) => c.rule));
  const problems = (checks.data ?? []).filter((c) => c.status === 'fail');
  const milestones = community.data ? milestonesOf(community.data.electionDay) : [];

  return (
    <Page title="首页">
      <FeedbackPanel error={community.error ?? checks.error} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={`${community.data?.name ?? '本社区'}换届进度`} style={{ marginBottom: 16 }}>
            {community.data ? (
              <>
                <Typography.Paragraph>
                  今天是{formatDate(today)}，选举日为{formatDate(community.data.electionDay)}
                  {community.data.partyElectionDay ? `，党组织选举日为${formatDate(community.data.partyElectionDay)}` : ''}。
                </Typography.Paragraph>
                <Steps
                  orientation="vertical"
                  size="small"
                  items={milestones.map((m) => {
                    const state = milestoneState(m, today, passed);
                    const note = state === 'finish' ? '已完成' : state === 'error' ? '已逾期' : state === 'process' ? '今天截止' : '待办';
                    return {
                      status: state,
                      title: <Link to={m.path}>{m.title}</Link>,
                      content: `最迟${formatDate(m.date)} · ${note}`,
                    };
                  })}
                />
              </>
            ) : (
              <Skeleton active />
            )}
          </Card>
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
    </Page>
  );
}
