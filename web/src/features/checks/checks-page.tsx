/** 合规检查: every rule of the profile as 符合 / 不符合 / 提醒 / 不适用, its title and numbers, and where it is fixed. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { communityChecksQuery } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { CheckDetails, StatusTag, type CheckStatus } from '../../components/check-status';

/** The screen where a rule's facts are changed, by the rule code's family. */
export function fixScreenOf(rule: string): { path: string; label: string } | undefined {
  if (rule.startsWith('VOT-')) return { path: '/voters', label: '选民登记' };
  if (rule.startsWith('REP-')) return { path: '/representatives', label: '居民代表' };
  if (rule.startsWith('CAN-') || rule.startsWith('NOM-')) return { path: '/candidates', label: '候选人' };
  if (rule.startsWith('PTY-') || rule.startsWith('PARTY-')) return { path: '/party-members', label: '党员' };
  if (rule.startsWith('DOC-') || rule.startsWith('NTC-')) return { path: '/papers', label: '文书打印' };
  return undefined;
}

type Check = { rule: string; status: CheckStatus; severity: string; titleZh: string; details?: unknown; justification?: string };

const ORDER: Readonly<Record<CheckStatus, number>> = { fail: 0, warning: 1, pass: 2, 'n/a': 3 };

export function ChecksPage() {
  const communityId = useSession()?.scopeId ?? '';
  const checks = useQuery({ ...communityChecksQuery(communityId), enabled: Boolean(communityId) });
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const rows = [...((checks.data ?? []) as Check[])]
    .filter((c) => filter === 'all' || c.status === 'fail' || c.status === 'warning')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.rule.localeCompare(b.rule));
  const open = (checks.data ?? []).filter((c) => c.status === 'fail').length;

  return (
    <Page title="合规检查">
      <FeedbackPanel error={checks.error} />
      <Card>
        <Typography.Paragraph>
          {checks.data ? `共检查${checks.data.length}条规则，不符合${open}条。` : '检查中…'}
        </Typography.Paragraph>
        <Radio.Group value={filter} onChange={(e) => setFilter(e.target.value as 'open' | 'all')} style={{ marginBottom: 12 }} aria-label="显示范围">
          <Radio.Button value="open">只看问题</Radio.Button>
          <Radio.Button value="all">全部规则</Radio.Button>
        </Radio.Group>
        <Table<Check>
          size="small"
          rowKey="rule"
          loading={checks.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: '没有未解决的问题' }}
          scroll={{ x: 760 }}
          columns={[
            { title: '结果', dataIndex: 'status', width: 90, render: (s: CheckStatus) => <StatusTag status={s} /> },
            { title: '规则', key: 'title', render: (_, c) => <><div>{c.titleZh}</div><Typography.Text type="secondary">{c.rule}{c.severity === 'soft' ? '（提醒）' : ''}</Typography.Text></> },
            { title: '数据', dataIndex: 'details', render: (d: unknown, c) => <CheckDetails details={d} extra={c.justification ? `说明：${c.justification}` : undefined} /> },
            {
              title: '去处理',
              key: 'fix',
              width: 110,
              render: (_, c) => {
                const fix = c.status === 'fail' || c.status === 'warning' ? fixScreenOf(c.rule) : undefined;
                return fix ? <Link to={fix.path}>{fix.label}</Link> : null;
              },
            },
          ]}
        />
      </Card>
    </Page>
  );
}
