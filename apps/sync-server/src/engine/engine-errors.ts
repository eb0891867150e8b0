/** A request named something that does not exist (HTTP 404). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A request that cannot be carried out in the current state (HTTP 409), e.g. approving a finished run. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** The server is shutting down and takes no new runs (HTTP 503). */
export class StoppingError extends Error {
  override readonly name = 'StoppingError';
  constructor() {
    super('The server is shutting down and starts no new runs.');
  }
}
