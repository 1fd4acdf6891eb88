/** A label named in a request (by name), with what decides whether a host may be put in it by hand. */
export interface LabelRef {
  readonly id: number;
  readonly name: string;
  /** Manual labels have their members set by hand; dynamic ones by their query, on the agents. */
  readonly manual: boolean;
}
