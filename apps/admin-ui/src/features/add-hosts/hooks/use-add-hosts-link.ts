import { useLocation } from 'react-router';

/** The current page with `add_hosts=1` added: a link there opens the "Add hosts" dialog over the page, keeping its filters. */
export function useAddHostsLink(): string {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  params.set('add_hosts', '1');
  return `${pathname}?${params.toString()}`;
}
