import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { InviteAcceptService } from './invite-accept.service';
import { InviteService } from './invite.service';
import { InvitesController } from './invites.controller';

/** Invites: created by global admins, mailed through MailModule, turned into accounts by `POST /users`. */
@Module({ imports: [MailModule], controllers: [InvitesController], providers: [InviteService, InviteAcceptService], exports: [InviteService] })
export class InvitesModule {}
