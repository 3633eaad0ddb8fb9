import { Card, CardHeader } from '@mui/material';
import type { ReactElement, ReactNode } from 'react';
import { List, type SortPayload } from 'react-admin';

/**
 * A titled card holding a react-admin list of its own (one of several on a page): its filters
 * and paging stay out of the address, and it has no page title, export or toolbar of its own.
 */
export const ListCard = ({
  title,
  subheader,
  action,
  resource,
  sort,
  filters,
  perPage,
  children,
}: {
  title: string;
  subheader?: string;
  /** Beside the title, e.g. a link to more. */
  action?: ReactNode;
  resource: string;
  sort: SortPayload;
  filters?: ReactElement[];
  perPage?: number;
  children: ReactElement;
}) => (
  <Card>
    <CardHeader
      title={title}
      subheader={subheader}
      action={action}
      slotProps={{ title: { component: 'h2', variant: 'h6' } }}
    />
    <List
      resource={resource}
      title={false}
      disableSyncWithLocation
      sort={sort}
      exporter={false}
      actions={false}
      empty={false}
      {...(filters ? { filters } : {})}
      {...(perPage ? { perPage } : {})}
    >
      {children}
    </List>
  </Card>
);
