import { Module } from '@nestjs/common';
import { SessionService } from '../sessions/session.service';
import { SessionsController } from '../sessions/sessions.controller';
import { SetupService } from '../sessions/setup.service';
import { UserService } from './user.service';
import { UsersController } from './users.controller';

/**
 * Users, their sessions and signing in: one context, since sessions are a user's and every session route
 * reads or ends a user's sessions. Setup creates the first user.
 */
@Module({ controllers: [UsersController, SessionsController], providers: [UserService, SessionService, SetupService], exports: [UserService, SessionService] })
export class UsersModule {}
