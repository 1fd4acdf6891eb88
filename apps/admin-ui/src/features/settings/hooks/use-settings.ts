import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { settingsApi } from '../api/settings.api';
import type { AppConfig, TestMailBody } from '../api/settings.api';

export function useAppConfig() {
  return useQuery({ queryKey: queryKeys.config.doc, queryFn: ({ signal }) => settingsApi.get(signal) });
}

/** Saves one section of the settings; `what` names it in the notification. */
export function useSaveSettings() {
  return useMutation({
    mutationFn: ({ patch }: { patch: AppConfig; what: string }) => settingsApi.modify(patch),
    meta: {
      invalidates: [queryKeys.config.all, queryKeys.activities.all], failure: 'Not saved',
      success: (v) => `${(v as { what: string }).what} saved`,
    },
  });
}

export function useTestMail() {
  return useMutation({ mutationFn: (body: TestMailBody) => settingsApi.testMail(body), meta: { success: 'Test mail sent to your address', failure: 'The test mail was not sent' } });
}
