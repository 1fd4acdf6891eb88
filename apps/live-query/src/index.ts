export { LiveQueryModule } from './live-query.module';
