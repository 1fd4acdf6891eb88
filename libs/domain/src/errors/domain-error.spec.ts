import { DomainError, isDomainError } from './domain-error';
import { ALL_ERROR_CODES, ErrorCode } from './error-code';

describe('DomainError', () => {
  it('carries a stable code, message and details', () => {
    const error = new DomainError(ErrorCode.HOST_NOT_FOUND, 'host 7 not found', { hostId: 7 });
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe('HOST_NOT_FOUND');
    expect(error.message).toBe('host 7 not found');
    expect(error.details).toEqual({ hostId: 7 });
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('has codes equal to their names so they can be logged and compared as strings', () => {
    for (const code of ALL_ERROR_CODES) expect(ErrorCode[code]).toBe(code);
  });
});
