import { Module } from '@nestjs/common';

/** The live-query role: campaigns, fan-out and fan-in through Redis, and background jobs. */
@Module({})
export class LiveQueryModule {}
