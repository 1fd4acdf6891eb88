import { BaseRpcContext } from '@nestjs/microservices';

type StreamContextArgs = [stream: string, group: string, ids: readonly string[]];

/** What a stream handler may ask about the batch it was given (`@Ctx() ctx: StreamContext`). */
export class StreamContext extends BaseRpcContext<StreamContextArgs> {
  /** The stream's key (without the Redis key prefix). */
  getStream(): string {
    return this.args[0];
  }

  getGroup(): string {
    return this.args[1];
  }

  /** Stream ids of the batch's entries, in the order of the payloads. */
  getIds(): readonly string[] {
    return this.args[2];
  }
}
