import { PageHeader } from '../../../shared/components/page-header';

/** (Being built.) */
export default function HostDetailsPage() {
  return <PageHeader title="Host" />;
}
