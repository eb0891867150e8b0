import { errors, type Dispatcher } from 'undici';

/**
 * Wraps one request's handler with a timer on Node's own clock: from the moment the request
 * is written on a connection to the response headers, then between body chunks (each chunk
 * starts it again). When it runs out, the request is aborted with undici's own
 * `HeadersTimeoutError` / `BodyTimeoutError`, so the error reads like undici's.
 *
 * Why not undici's `headersTimeout`/`bodyTimeout`: those run on undici's coarse timers (a tick
 * every half second, meant for delays of a second or more), so a timeout under a second fires
 * late or not at all. Why not an `AbortSignal.timeout` around the call: it would also count the
 * wait for a free connection in the pool, which is the client's queue, not the target's delay.
 */
class TimedHandler implements Dispatcher.DispatchHandler {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly handler: Dispatcher.DispatchHandler,
    private readonly timeoutMs: number,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#start(controller, () => new errors.HeadersTimeoutError());
    this.handler.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>[2],
    socket: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>[3],
  ): void {
    this.#stop();
    this.handler.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStarted(): void {
    this.handler.onResponseStarted?.();
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2],
    statusMessage?: string,
  ): void {
    // 1xx interim answers do not end the wait for the real one.
    if (statusCode >= 200) this.#start(controller, () => new errors.BodyTimeoutError());
    this.handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#timer?.refresh();
    this.handler.onResponseData?.(controller, chunk);
  }

  onResponseEnd(
    controller: Dispatcher.DispatchController,
    trailers: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>[1],
  ): void {
    this.#stop();
    this.handler.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    this.#stop();
    this.handler.onResponseError?.(controller, error);
  }

  onBodySent(chunk: Buffer): void {
    this.handler.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    this.handler.onRequestSent?.();
  }

  #start(controller: Dispatcher.DispatchController, error: () => Error): void {
    this.#stop();
    this.#timer = setTimeout(() => controller.abort(error()), this.timeoutMs);
    // A pending timeout must not keep a process alive that has nothing else to do.
    this.#timer.unref();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** An undici interceptor giving every request a precise `timeoutMs` (see {@link TimedHandler}). */
export function requestTimeouts(timeoutMs: number): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function timedDispatch(options, handler) {
      return dispatch(options, new TimedHandler(handler, timeoutMs));
    };
}
