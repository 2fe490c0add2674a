/**
 * 换届工作报告: turnout, the elected by sex, age band and education, women on the committees, the cross-appointment
 * rate and the exceptions granted, as charts and a table; the same figures as the server's PDF and Excel.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import ReactECharts from 'echarts-for-react';
import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { downloadFile } from '../../components/files';
import { Page } from '../../components/page';

type Figures = paths['/api/v1/districts/{id}/summary']['get']['responses'][200]['content']['application/json']['totals'];
/** `GET /rounds/:id/report` declares no response schema yet: the fields this screen reads. */
interface RoundReport {
  readonly name: string;
  readonly totals: Figures;
  readonly communities: ReadonlyArray<{
    readonly communityId: string;
    readonly name: string;
    readonly electionDay: string;
    readonly registeredVoters: number;
    readonly turnout: { readonly expected: number; readonly present: number | null } | null;
    readonly elected: { readonly rc: readonly unknown[] };
    readonly structure: { readonly rc: { readonly women: number } };
    readonly cross: { readonly percent: number | null };
    readonly exceptions: readonly unknown[];
  }>;
}

const AGE = [
  ['under35', '35岁以下'],
  ['35to44', '35至44岁'],
  ['45to54', '45至54岁'],
  ['55plus', '55岁及以上'],
] as const;
const EDUCATION: Record<string, string> = {
  primary: '小学',
  'junior-high': '初中',
  'high-school': '高中/中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
  unknown: '未填写',
};
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

function bar(title: string, labels: string[], values: number[]) {
  return {
    aria: { enabled: true },
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 12, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: '人' },
    series: [{ type: 'bar', data: values, label: { show: true, position: 'top' } }],
  };
}

export function RoundReportPage() {
  const { roundId = '' } = useParams();
  const report = useQuery({
    queryKey: [...keys.round(roundId), 'report'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/rounds/{id}/report', { params: { path: { id: roundId } } }))) as unknown as RoundReport,
  });
  const download = useMutation({ mutationFn: ({ path, name }: { path: string; name: string }) => downloadFile(path, name) });
  const t = report.data?.totals;
  const educationKeys = Object.keys(t?.education ?? {});
  return (
    <Page
      title={report.data ? `换届工作报告：${report.data.name}` : '换届工作报告'}
      extra={
        <Space>
          <Button icon={<FilePdfOutlined />} onClick={() => download.mutate({ path: `/api/v1/rounds/${roundId}/report.pdf`, name: '换届工作报告.pdf' })}>
            下载PDF
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => download.mutate({ path: `/api/v1/rounds/${roundId}/report.xlsx`, name: '换届工作报告.xlsx' })}>
            下载Excel
          </Button>
        </Space>
      }
    >
      <FeedbackPanel error={report.error ?? download.error} />
      {t ? (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={4}><Card size="small"><Statistic title="社区" value={t.communities} suffix="个" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="登记选民" value={t.registeredVoters} suffix="人" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="参选率" value={pct(t.turnout.percent)} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="居委会当选" value={t.rcElected} suffix="人" /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="女性占比" value={pct(t.womenPercent)} /></Card></Col>
            <Col span={4}><Card size="small"><Statistic title="交叉任职率" value={pct(t.crossRatePercent)} /></Card></Col>
          </Row>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={8}>
              <Card size="small" data-testid="chart-sex">
                <ReactECharts
                  style={{ height: 240 }}
                  opts={{ renderer: 'svg' }}
                  option={{
                    aria: { enabled: true },
                    title: { text: '性别', left: 'center', textStyle: { fontSize: 14 } },
                    tooltip: { trigger: 'item' },
                    series: [{ type: 'pie', radius: '60%', top: 20, data: [{ name: '男', value: t.sex.male }, { name: '女', value: t.sex.female }], label: { formatter: '{b} {c}人' } }],
                  }}
                />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <ReactECharts style={{ height: 240 }} opts={{ renderer: 'svg' }} option={bar('年龄结构', AGE.map(([, l]) => l), AGE.map(([k]) => t.ageBands[k] ?? 0))} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small">
                <ReactECharts style={{ height: 240 }} opts={{ renderer: 'svg' }} option={bar('文化程度', educationKeys.map((k) => EDUCATION[k] ?? k), educationKeys.map((k) => t.education[k] ?? 0))} />
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginBottom: 12 }}>
            有女性成员的居民委员会 {t.committeesWithWoman} 个（共 {t.committeesElected} 个）；两委成员 {t.crossEither} 人，交叉任职 {t.crossBoth} 人；“一肩挑”社区 {t.oneShoulder} 个；批准的例外事项 {t.exceptionsGranted} 项。
          </Card>
        </>
      ) : null}
      <Table
        rowKey="communityId"
        size="small"
        loading={report.isLoading}
        dataSource={report.data?.communities ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '社区', dataIndex: 'name' },
          { title: '选举日', dataIndex: 'electionDay' },
          { title: '登记选民', dataIndex: 'registeredVoters', align: 'right' },
          {
            title: '参选率',
            key: 'turnout',
            align: 'right',
            render: (_: unknown, r: RoundReport['communities'][number]) =>
              r.turnout?.present !== null && r.turnout?.present !== undefined && r.turnout.expected > 0 ? `${Math.round((1000 * r.turnout.present) / r.turnout.expected) / 10}%` : '未计票',
          },
          { title: '当选', key: 'elected', align: 'right', render: (_: unknown, r: RoundReport['communities'][number]) => r.elected.rc.length },
          { title: '女性', key: 'women', align: 'right', render: (_: unknown, r: RoundReport['communities'][number]) => r.structure.rc.women },
          { title: '交叉任职率', key: 'cross', align: 'right', render: (_: unknown, r: RoundReport['communities'][number]) => pct(r.cross.percent) },
          { title: '例外事项', key: 'exceptions', align: 'right', render: (_: unknown, r: RoundReport['communities'][number]) => r.exceptions.length },
        ]}
      />
    </Page>
  );
}
