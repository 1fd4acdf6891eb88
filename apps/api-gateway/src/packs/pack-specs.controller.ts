import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Caller } from '@fleet/auth';
import { applyPackSpecsRequestSchema } from '@fleet/contracts';
import { AdminController } from '../http/admin-controller.decorator';
import { CurrentCaller } from '../http/caller.param';
import { parseBody } from '../http/edge-parse';
import { toPackSpec } from './pack.mapper';
import { PackSpecService } from './pack-spec.service';

/** `/spec/packs` of `fleetctl apply/get` (fleet-admin-api.md §1.12). */
@AdminController('spec/packs')
export class PackSpecsController {
  constructor(private readonly specs: PackSpecService) {}

  @Get()
  async list(@CurrentCaller() caller: Caller) {
    return { specs: (await this.specs.list(caller)).map(toPackSpec) };
  }

  /** A single object under the plural key, as Fleet answers. */
  @Get(':name')
  async get(@CurrentCaller() caller: Caller, @Param('name') name: string) {
    return { specs: toPackSpec(await this.specs.get(caller, name)) };
  }

  @Post()
  @HttpCode(200)
  async apply(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    await this.specs.apply(caller, parseBody(applyPackSpecsRequestSchema, body).specs);
    return {};
  }
}
