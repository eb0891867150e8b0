import type { Observable, Subscription } from 'rxjs';

/** What a subscription to an observable has received so far, for tests driving virtual time. */
export interface Collected<V> {
  readonly values: V[];
  readonly completed: boolean;
  readonly error: unknown;
  readonly subscription: Subscription;
}

export function collect<V>(observable: Observable<V>): Collected<V> {
  const state = { values: [] as V[], completed: false, error: undefined as unknown };
  const subscription = observable.subscribe({
    next: (value) => state.values.push(value),
    complete: () => (state.completed = true),
    error: (error: unknown) => (state.error = error),
  });
  return {
    values: state.values,
    get completed() {
      return state.completed;
    },
    get error() {
      return state.error;
    },
    subscription,
  };
}
