import { Observable, type Subscriber } from 'rxjs';

/**
 * Hands items to the executor as it can take them — as many as may run at once, then one more
 * each time one finishes — instead of all at once. Once `signal` aborts nothing more is handed
 * out, so a stopped run starts no new write while the ones in flight finish; items the
 * executor already holds are the caller's to refuse.
 */
export class PacedFeed<T> {
  readonly items$: Observable<T>;
  #subscriber: Subscriber<T> | undefined;
  #next = 0;
  #outstanding = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly window: number,
    private readonly signal?: AbortSignal,
  ) {
    this.items$ = new Observable<T>((subscriber) => {
      this.#subscriber = subscriber;
      this.#handOut();
    });
  }

  /** Call once per item the executor is done with (one result each). */
  finished(): void {
    this.#outstanding--;
    this.#handOut();
  }

  /** Items never handed to the executor. */
  get notHandedOut(): number {
    return this.items.length - this.#next;
  }

  #handOut(): void {
    const subscriber = this.#subscriber;
    if (!subscriber || subscriber.closed) return;
    while (this.#outstanding < this.window && this.#next < this.items.length && !this.signal?.aborted) {
      this.#outstanding++;
      subscriber.next(this.items[this.#next++]!);
    }
    if (this.#outstanding === 0) subscriber.complete();
  }
}
