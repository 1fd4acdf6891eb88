/** Fleet's list options after validation at the edge: 0-based page, per_page 0 = no limit. */
export interface ListOptions {
  readonly page: number;
  readonly perPage: number;
  readonly orderKey?: string;
  readonly orderDirection: 'asc' | 'desc';
  readonly query?: string;
}

/** Every row, in the default order. */
export const UNPAGED: ListOptions = { page: 0, perPage: 0, orderDirection: 'asc' };

/** One page of a list and whether the neighbouring pages exist. */
export interface Page<T> {
  readonly items: T[];
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
}
