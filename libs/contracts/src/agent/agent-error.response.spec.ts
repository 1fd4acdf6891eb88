import { ALL_ERROR_CODES } from '@fleet/domain';
import { agentErrorResponse, agentSuccessBody, nodeInvalidBody } from './agent-error.response';

describe('agent error bodies', () => {
  it('builds the node_invalid body osquery re-enrolls on', () => {
    expect(nodeInvalidBody()).toEqual({ error: 'authentication error: invalid node key', node_invalid: true });
    expect(nodeInvalidBody('authentication error: missing node key', 'u-1')).toEqual({
      error: 'authentication error: missing node key', node_invalid: true, uuid: 'u-1',
    });
  });

  it('maps codes to Fleet statuses and flags', () => {
    expect(agentErrorResponse('NODE_INVALID', 'authentication error: invalid node key')).toEqual({
      statusCode: 401, body: { error: 'authentication error: invalid node key', node_invalid: true },
    });
    expect(agentErrorResponse('ENROLL_SECRET_INVALID', 'enroll failed', 'u')).toEqual({
      statusCode: 401, body: { error: 'enroll failed', node_invalid: true, uuid: 'u' },
    });
    expect(agentErrorResponse('LOG_DESTINATION_FAILED', 'error writing result logs')).toEqual({
      statusCode: 413, body: { error: 'error writing result logs' },
    });
    expect(agentErrorResponse('DEPENDENCY_UNAVAILABLE', 'db down').body).not.toHaveProperty('node_invalid');
  });

  it('always includes an error key so osquery keeps the data', () => {
    for (const code of ALL_ERROR_CODES) {
      const { statusCode, body } = agentErrorResponse(code, `failed: ${code}`);
      expect(body.error).toBe(`failed: ${code}`);
      expect(statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(agentSuccessBody()).toEqual({});
  });
});
