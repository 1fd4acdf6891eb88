import { Alert, Button, Loader, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { queryKeys } from '../../../api/query-keys';
import { PageHeader } from '../../../shared/components/page-header';
import { authApi } from '../api/auth.api';

/**
 * The page of the email-change mail's link (/email/change/<token>), for the signed-in user (the session guard sends
 * others to the login page first). The token works once, so the answer is kept for as long as the page is open.
 */
export default function EmailChangePage() {
  const { token = '' } = useParams();
  const client = useQueryClient();
  const change = useQuery({
    queryKey: ['email-change', token], queryFn: ({ signal }) => authApi.confirmEmailChange(token, signal),
    retry: false, staleTime: Infinity, gcTime: Infinity, meta: { failure: false },
  });
  const changed = change.data?.new_email;
  useEffect(() => {
    if (changed) void client.invalidateQueries({ queryKey: queryKeys.me });
  }, [changed, client]);
  return (
    <Stack>
      <PageHeader title="Email change" />
      {change.isPending && <Loader aria-label="Confirming the new address" />}
      {changed && <Alert color="green" title="Email address confirmed" role="status">Your email address is now {changed}.</Alert>}
      {change.error && <Alert color="red" title="The address could not be confirmed" role="alert">{change.error.message}. The link works once, for 24 hours.</Alert>}
      <Button component={Link} to="/dashboard" w="fit-content">Go to the dashboard</Button>
    </Stack>
  );
}
