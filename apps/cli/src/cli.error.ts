/**
 * An error meant for the operator: its message is printed as is on stderr and the process exits with
 * `exitCode`. Anything else that escapes a command is printed with its message only (no stack unless --debug).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Fleet's messages for a context that cannot talk to a server yet (fleet-admin-api.md §3.1). */
export const NO_ADDRESS = 'set the Fleet API address with: fleetctl config set --address https://fleet.example.com';
export const NO_TOKEN = 'Token missing. Please log in with: fleetctl login';
