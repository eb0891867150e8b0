/** An HTTP-shaped error as a connector's client would throw it, for executor tests. */
export function httpError(status: number, message: string, retryAfterMs?: number): Error {
  const error = Object.assign(new Error(`${status} ${message}`), { status });
  return retryAfterMs === undefined ? error : Object.assign(error, { retryAfterMs });
}
