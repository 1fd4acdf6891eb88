import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AccountRecoveryController } from '../sessions/account-recovery.controller';
import { MfaLoginService } from '../sessions/mfa-login.service';
import { PasswordResetService } from '../sessions/password-reset.service';
import { SessionService } from '../sessions/session.service';
import { SessionsController } from '../sessions/sessions.controller';
import { SetupService } from '../sessions/setup.service';
import { EmailChangeService } from './email-change.service';
import { UserService } from './user.service';
import { UsersController } from './users.controller';

/**
 * Users, their sessions and signing in: one context, since sessions are a user's and every session route
 * reads or ends a user's sessions. Setup creates the first user; password recovery, the email two-factor
 * login and email changes mail their links through MailModule.
 */
@Module({
  imports: [MailModule],
  controllers: [UsersController, SessionsController, AccountRecoveryController],
  providers: [UserService, SessionService, SetupService, PasswordResetService, MfaLoginService, EmailChangeService],
  exports: [UserService, SessionService],
})
export class UsersModule {}
