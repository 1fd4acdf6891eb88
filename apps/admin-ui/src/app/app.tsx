import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { URL_PREFIX } from '../api/url-prefix';
import { AppRoutes } from './app-routes';
import { cssVariables, theme } from './theme';

/**
 * Providers (theme, server state, modals, notifications, router under server.url_prefix) around the routes. The
 * query client is made by main.tsx, which fills it with the first page's data before this renders.
 */
export function App({ client }: { client: QueryClient }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={client}>
        <ModalsProvider>
          <Notifications position="top-right" />
          <BrowserRouter basename={URL_PREFIX || undefined}>
            <Suspense fallback={null}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
