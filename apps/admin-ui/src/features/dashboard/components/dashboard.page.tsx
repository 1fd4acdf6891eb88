import { PageHeader } from '../../../shared/components/page-header';

/** (Being built.) */
export default function DashboardPage() {
  return <PageHeader title="Dashboard" />;
}
