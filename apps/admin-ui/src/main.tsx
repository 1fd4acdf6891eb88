import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import type { ReactNode } from 'react';
import { session } from './api/session';
import { URL_PREFIX } from './api/url-prefix';
import { AppLayout } from './layout/app-layout';
import { HostDetailPage } from './pages/host-detail.page';
import { HostsPage } from './pages/hosts.page';
import { ActivityPage, PoliciesPage, QueriesPage } from './pages/lists.page';
import { LiveQueryPage } from './pages/live-query.page';
import { LoginPage } from './pages/login.page';
import { QueryEditorPage } from './pages/query-editor.page';

function SignedIn({ children }: { children: ReactNode }) {
  return session.token() ? <>{children}</> : <Navigate to="/login" replace />;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider>
      <BrowserRouter basename={URL_PREFIX || undefined}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<SignedIn><AppLayout /></SignedIn>}>
            <Route path="/hosts" element={<HostsPage />} />
            <Route path="/hosts/:id" element={<HostDetailPage />} />
            <Route path="/live-query" element={<LiveQueryPage />} />
            <Route path="/queries" element={<QueriesPage />} />
            <Route path="/queries/:id" element={<QueryEditorPage />} />
            <Route path="/policies" element={<PoliciesPage />} />
            <Route path="/activity" element={<ActivityPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/hosts" replace />} />
        </Routes>
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
