import { Module } from '@nestjs/common';
import { TranslateController } from './translate.controller';
import { TranslateService } from './translate.service';

/** Fleet's identifier translation: names of users, labels, teams and hosts to their ids. */
@Module({ controllers: [TranslateController], providers: [TranslateService] })
export class TranslateModule {}
