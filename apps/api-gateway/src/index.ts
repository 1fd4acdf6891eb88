export { ApiGatewayModule } from './api-gateway.module';
