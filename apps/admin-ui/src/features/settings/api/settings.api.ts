import { configRoutes, mailRoutes } from '@fleet/contracts';
import type { RouteRequest } from '@fleet/contracts';
import { callRoute } from '../../../api/http-client';

export type AppConfig = Record<string, unknown>;
export type TestMailBody = RouteRequest<typeof mailRoutes.test>['body'];

export const settingsApi = {
  get: (signal?: AbortSignal): Promise<AppConfig> => callRoute(configRoutes.get, {}, { signal }),
  /** Nested sections merge key by key on the server; agent_options is replaced whole. */
  modify: (patch: AppConfig): Promise<AppConfig> => callRoute(configRoutes.modify, { query: {}, body: patch }),
  testMail: (body: TestMailBody) => callRoute(mailRoutes.test, { body }),
};
