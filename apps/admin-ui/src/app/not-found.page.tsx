import { Button, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../shared/components/page-header';

/** A path under the UI that is no page (yet): say so, and offer the way back. */
export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Stack>
      <PageHeader title="Page not found" />
      <Text>There is no page at <code>{pathname}</code>.</Text>
      <Button component={Link} to="/dashboard" w="fit-content">Go to the dashboard</Button>
    </Stack>
  );
}
