/** A problem with the command line or the environment (bad ref, registry down): exit code 2, one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
