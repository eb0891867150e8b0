import { inspect } from 'node:util';

const HIDDEN = '********';

/**
 * A password that does not show itself: string conversion, JSON and `util.inspect` (what
 * loggers and test failures print) all give `********`. Only the bind reads it, via `reveal()`.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}
