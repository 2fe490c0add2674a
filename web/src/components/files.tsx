/** Files from the server with the user's token: a download (the browser saves it) and an inline PDF preview. */
import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { authorizedFetch } from '../api/client';
import { useApiError } from '../api/use-api-error';

/** Fetches `path` and lets the browser save it as `filename`. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const response = await authorizedFetch(path);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The server's PDF shown inline: the same bytes as the download and the print. */
export function PdfPreview({ path, title, height = 560 }: { readonly path: string; readonly title: string; readonly height?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = useApiError(error);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    authorizedFetch(path)
      .then((r) => r.blob())
      .then((blob) => {
        made = URL.createObjectURL(blob);
        if (alive) setUrl(made);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  if (view) return <Alert type="warning" showIcon title={`${title}暂不能预览`} description={view.message} />;
  if (!url) return <Spin />;
  return <iframe title={title} src={url} style={{ width: '100%', height, border: '1px solid #d9d9d9' }} />;
}
