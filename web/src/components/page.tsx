/** A screen: its heading (the one h1 of the page), optional actions on the right, then the content. */
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export function Page({ title, extra, children }: { readonly title: string; readonly extra?: ReactNode; readonly children: ReactNode }) {
  return (
    <section aria-labelledby="page-title">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} id="page-title" style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
      {children}
    </section>
  );
}
