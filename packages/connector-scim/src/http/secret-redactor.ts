/** What replaces a secret in a message. */
export const REDACTED = '********';

/**
 * Scrubs secret values out of text before it leaves the connector in an error message, a
 * connection check or a log line. Targets echo what they were sent ("invalid token abc…"),
 * and a URL-encoded or Base64 form of a secret is as much a leak as the plain one, so the
 * code that derives such a form registers it here too.
 */
export class SecretRedactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Registers a secret and its URL-encoded form. Values shorter than 4 characters are too common to scrub safely. */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 4) return;
    this.#secrets.add(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) this.#secrets.add(encoded);
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return result;
  }

  /** Redacts every string inside a JSON-like value (for log fields). */
  redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]));
    }
    return value;
  }
}
