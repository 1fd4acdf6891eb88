import { Module } from '@nestjs/common';
import { AppConfigController } from './app-config.controller';
import { AppConfigService } from './app-config.service';

/** Organisation settings and the server version. */
@Module({ controllers: [AppConfigController], providers: [AppConfigService], exports: [AppConfigService] })
export class ConfigModule {}
