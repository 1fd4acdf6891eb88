import { PageHeader } from '../../../shared/components/page-header';

/** (Being built.) */
export default function HostsPage() {
  return <PageHeader title="Hosts" />;
}
