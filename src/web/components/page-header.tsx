import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of a page, with its actions on the right. */
export function PageHeader({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} className="page-title">{title}</Typography.Title>
        {extra ? <Flex gap={12} wrap align="center">{extra}</Flex> : null}
      </Flex>
      {children}
    </div>
  );
}
