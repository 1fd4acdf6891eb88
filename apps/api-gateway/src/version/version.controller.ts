import { Controller, Get } from '@nestjs/common';
import { buildInfo } from '@fleet/config';
import type { BuildInfo } from '@fleet/config';

/** Fleet's unauthenticated `/version`: the build facts of this server. */
@Controller()
export class VersionController {
  @Get('version')
  version(): BuildInfo {
    return buildInfo();
  }
}
