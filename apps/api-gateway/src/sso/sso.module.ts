import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { IdpMetadataSource } from './idp-metadata.source';
import { SsoController } from './sso.controller';
import { SsoUserResolver } from './sso-user.resolver';
import { SsoService } from './sso.service';

/** SAML single sign-on: settings for the login page, starting a sign-on, and the assertion consumer (with JIT provisioning). */
@Module({ imports: [UsersModule], controllers: [SsoController], providers: [SsoService, SsoUserResolver, IdpMetadataSource] })
export class SsoModule {}
