/** 全区汇总: the report's figures per street of the district and for the district, with the Excel export. */
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { downloadFile } from '../../components/files';
import { Page } from '../../components/page';

type Summary = paths['/api/v1/districts/{id}/summary']['get']['responses'][200]['content']['application/json'];
type StreetRow = Summary['streets'][number];
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function DistrictSummaryPage() {
  const session = useSession();
  const districtId = session?.scopeId ?? '';
  const [term, setTerm] = useState<number | undefined>();
  const summary = useQuery({
    queryKey: [...keys.district(districtId), 'summary', term],
    enabled: Boolean(districtId),
    queryFn: () => unwrap(api.GET('/api/v1/districts/{id}/summary', { params: { path: { id: districtId }, query: term ? { term } : {} } })),
  });
  const download = useMutation({ mutationFn: () => downloadFile(`/api/v1/districts/${districtId}/summary.xlsx${term ? `?term=${term}` : ''}`, '全区换届汇总.xlsx') });
  const data = summary.data;
  const rows: (StreetRow | (Pick<StreetRow, 'name' | 'totals'> & { streetId: string }))[] = data ? [...data.streets, { streetId: 'total', name: '合计', totals: data.totals }] : [];
  return (
    <Page
      title={data ? `全区汇总：${data.name}` : '全区汇总'}
      extra={
        <Space>
          <Select
            aria-label="届次"
            style={{ width: 120 }}
            value={data?.term}
            onChange={setTerm}
            options={(data?.terms ?? []).map((t) => ({ value: t, label: `${t}年` }))}
          />
          <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            导出Excel
          </Button>
        </Space>
      }
    >
      <FeedbackPanel error={summary.error ?? download.error} />
      <Table
        rowKey="streetId"
        size="small"
        loading={summary.isLoading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '街道', dataIndex: 'name' },
          { title: '社区', dataIndex: ['totals', 'communities'], align: 'right' },
          { title: '登记选民', dataIndex: ['totals', 'registeredVoters'], align: 'right' },
          { title: '参选率', key: 'turnout', align: 'right', render: (_: unknown, r) => pct(r.totals.turnout.percent) },
          { title: '居委会当选', dataIndex: ['totals', 'rcElected'], align: 'right' },
          { title: '女性', dataIndex: ['totals', 'women'], align: 'right' },
          { title: '女性占比', key: 'wp', align: 'right', render: (_: unknown, r) => pct(r.totals.womenPercent) },
          { title: '35岁以下', key: 'a', align: 'right', render: (_: unknown, r) => r.totals.ageBands.under35 ?? 0 },
          { title: '交叉任职率', key: 'cross', align: 'right', render: (_: unknown, r) => pct(r.totals.crossRatePercent) },
          { title: '一肩挑', dataIndex: ['totals', 'oneShoulder'], align: 'right' },
          { title: '例外事项', dataIndex: ['totals', 'exceptionsGranted'], align: 'right' },
        ]}
      />
    </Page>
  );
}
