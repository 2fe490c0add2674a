/** 漏登说明: residents of the roster who are not on the voter list, each explained (VOT-COMPLETE). */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { FeedbackPanel } from '../../components/feedback-panel';
import { formatDate } from '../../components/dates';
import { missingVotersQuery, votersKey, type MissingVoters as Missing } from './queries';

type Entry = Missing['missing'][number];

function ExplainCell({ communityId, entry }: { readonly communityId: string; readonly entry: Entry }) {
  const [text, setText] = useState(entry.explanation ?? '');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/communities/{id}/voters/missing/{entryId}/explanation', {
          params: { path: { id: communityId, entryId: entry.rosterEntryId } },
          body: { text },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: votersKey(communityId) }),
  });
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={text} onChange={(event) => setText(event.target.value)} aria-label={`${entry.name}未登记的原因`} placeholder="如：外出务工、已迁出" />
      <Button onClick={() => save.mutate()} disabled={!text.trim()} loading={save.isPending}>
        保存
      </Button>
      {save.error ? <FeedbackPanel error={save.error} /> : null}
    </Space.Compact>
  );
}

export function MissingVoters({ communityId }: { readonly communityId: string }) {
  const missing = useQuery({ ...missingVotersQuery(communityId), enabled: Boolean(communityId) });
  if (!missing.data || missing.data.roster === 0) return null;
  return (
    <Card title="漏登说明" style={{ marginBottom: 16 }}>
      <Alert type={missing.data.status === 'pass' ? 'success' : 'warning'} showIcon title={missing.data.message} style={{ marginBottom: 12 }} />
      <Table<Entry>
        size="small"
        rowKey="rosterEntryId"
        dataSource={missing.data.missing}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '身份证号码', dataIndex: 'idNumber', width: 180 },
          { title: '出生日期', dataIndex: 'birthDate', width: 130, render: (d: string) => formatDate(d) },
          { title: '未登记的原因', key: 'explanation', render: (_, entry) => <ExplainCell communityId={communityId} entry={entry} /> },
        ]}
      />
    </Card>
  );
}
