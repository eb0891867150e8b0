import { lastValueFrom, toArray, type Observable } from 'rxjs';

/** Every emission of a finite stream, in order. */
export function collect<T>(stream: Observable<T>): Promise<T[]> {
  return lastValueFrom(stream.pipe(toArray()));
}
