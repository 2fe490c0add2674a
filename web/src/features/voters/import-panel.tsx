/**
 * 批量导入: drop an Excel or CSV file, choose partial or all-or-nothing, watch the upload, read the row report
 * (第N行 as Excel numbers rows, the header being row 1).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Progress, Radio, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { uploadFile } from '../../api/upload';
import { FeedbackPanel } from '../../components/feedback-panel';
import { saveBlob } from '../../components/download';
import { votersKey, type ImportReport } from './queries';

export const TEMPLATE_HEADERS = ['身份证号码', '姓名', '户籍/居住', '户号', '住址', '居民小组'] as const;

/** The refused rows as a clerk reads them: 第5行, 第7–9行. */
export function rowLabel(entry: { row: number; toRow?: number }): string {
  return entry.toRow && entry.toRow !== entry.row ? `第${entry.row}–${entry.toRow}行` : `第${entry.row}行`;
}

export function importSummary(report: ImportReport): string {
  const parts = [`共${report.total}行`];
  if (report.committed) parts.push(`导入${report.accepted}人`);
  else parts.push('本次未导入任何人');
  if (report.duplicates > 0) parts.push(`已登记过的${report.duplicates}人未重复登记`);
  if (report.rejectedRows > 0) parts.push(`有误${report.rejectedRows}行`);
  return parts.join('，');
}

function downloadTemplate() {
  const csv = `\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`;
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), '选民登记模板.csv');
}

export function ImportPanel({ communityId }: { readonly communityId: string }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'partial' | 'all'>('partial');
  const [percent, setPercent] = useState(0);
  const upload = useMutation({
    mutationFn: (file: File) => {
      setPercent(0);
      return uploadFile<ImportReport>(`/api/v1/communities/${communityId}/voters/import?mode=${mode}`, file, setPercent);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: votersKey(communityId) }),
  });
  const report = upload.data;

  return (
    <Card title="批量导入" extra={<Button icon={<DownloadOutlined />} onClick={downloadTemplate}>下载模板</Button>} style={{ marginBottom: 16 }}>
      <Flex vertical gap={12}>
        <Typography.Text>
          表头依次为：{TEMPLATE_HEADERS.join('、')}。支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK）文件。
        </Typography.Text>
        <Radio.Group value={mode} onChange={(event) => setMode(event.target.value as 'partial' | 'all')} aria-label="导入方式">
          <Radio value="partial">只导入正确的行（有误的行列出，不导入）</Radio>
          <Radio value="all">全部正确才导入（有一行有误则整个文件都不导入）</Radio>
        </Radio.Group>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          customRequest={({ file }) => upload.mutate(file as File)}
          aria-label="选择或拖入选民文件"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>把 Excel 或 CSV 文件拖到这里，或点击选择文件</p>
        </Upload.Dragger>
        {upload.isPending ? <Progress percent={percent} status="active" aria-label="上传进度" /> : null}
        <FeedbackPanel error={upload.error} title="文件未能导入" />
        {report ? (
          <>
            <Alert
              type={report.rejectedRows === 0 ? 'success' : report.committed ? 'warning' : 'error'}
              showIcon
              title={importSummary(report)}
              role="status"
            />
            {report.rejected.length > 0 ? (
              <Table
                size="small"
                rowKey={(entry) => `${entry.row}-${entry.code}`}
                dataSource={report.rejected}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', key: 'row', width: 140, render: (_, entry) => rowLabel(entry) },
                  { title: '原因', dataIndex: 'message' },
                ]}
                aria-label="有误的行"
              />
            ) : null}
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
