import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AppConfigController } from './app-config.controller';
import { AppConfigService } from './app-config.service';
import { CertificateService } from './certificate.service';

/** Organisation settings, the certificate chain agents see, and the server version. */
@Module({ imports: [MailModule], controllers: [AppConfigController], providers: [AppConfigService, CertificateService], exports: [AppConfigService] })
export class ConfigModule {}
