/** The server's PDF, the same bytes for preview, print and download. */
import { useEffect, useMemo, useRef } from 'react';
import { Button, Flex, Modal } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { saveBlob } from './download';

export function PdfPreview(props: { readonly title: string; readonly fileName: string; readonly pdf: Blob | null; readonly onClose: () => void }) {
  const url = useMemo(() => (props.pdf ? URL.createObjectURL(props.pdf) : null), [props.pdf]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Modal
      title={props.title}
      open={Boolean(props.pdf)}
      onCancel={props.onClose}
      width="min(1000px, 96vw)"
      footer={
        <Flex gap={8} justify="flex-end">
          <Button icon={<PrinterOutlined />} onClick={() => frame.current?.contentWindow?.print()}>
            打印
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => props.pdf && saveBlob(props.pdf, props.fileName)}>
            下载
          </Button>
          <Button type="primary" onClick={props.onClose}>
            关闭
          </Button>
        </Flex>
      }
    >
      {url ? <iframe ref={frame} src={url} title={`${props.title}预览`} style={{ width: '100%', height: '65vh', border: '1px solid #eee' }} /> : null}
    </Modal>
  );
}
