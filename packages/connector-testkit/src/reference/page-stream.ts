import { Observable } from 'rxjs';

/**
 * An Observable over pages that a synchronous generator produces one at a time. Work happens
 * only while someone is subscribed: nothing runs before `subscribe`, each page is produced
 * after the previous one was handed on (with an `await` in between, so an unsubscribe or a
 * store change can happen there, as it would between two HTTP requests), and unsubscribing
 * stops the loop. `beforePage` runs before each page is emitted; an error anywhere ends the
 * stream with that error, mapped by `mapError`.
 */
export function pageStream<T>(
  start: () => Promise<Iterator<T>>,
  beforePage: (pageIndex: number) => Promise<void>,
  mapError: (error: unknown) => unknown,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    void (async () => {
      try {
        const pages = await start();
        for (let pageIndex = 0; !subscriber.closed; pageIndex += 1) {
          const next = pages.next();
          if (next.done) break;
          await beforePage(pageIndex);
          if (subscriber.closed) return;
          subscriber.next(next.value);
          await Promise.resolve();
        }
        subscriber.complete();
      } catch (error) {
        subscriber.error(mapError(error));
      }
    })();
  });
}
