import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { URL_PREFIX } from '../api/url-prefix';
import { AppRoutes } from './app-routes';
import { cssVariables, theme } from './theme';

/** Providers (theme, server state, modals, notifications, router under server.url_prefix) around the routes. */
export function App() {
  const [client] = useState(createQueryClient);
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
