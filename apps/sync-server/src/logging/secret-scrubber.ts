const REPLACEMENT = '[redacted]';
/** Shorter values would turn ordinary words into "[redacted]" and say little about the secret. */
const MIN_LENGTH = 4;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The last line of defence for safety rule 4: every log line passes through here and loses any
 * known secret value (connection secrets, the admin token, SCIM tokens), wherever it appears —
 * in a message, an error a remote server echoed, a URL. Key-based redaction catches the rest.
 */
export class SecretScrubber {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;

  add(...secrets: readonly (string | undefined)[]): void {
    let changed = false;
    for (const secret of secrets) {
      if (secret && secret.length >= MIN_LENGTH && !this.values.has(secret)) {
        this.values.add(secret);
        // JSON escaping of a value with quotes or backslashes changes how it appears in a line.
        const encoded = JSON.stringify(secret).slice(1, -1);
        if (encoded !== secret) this.values.add(encoded);
        changed = true;
      }
    }
    if (changed) {
      const sorted = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(sorted.join('|'), 'g');
    }
  }

  scrub(text: string): string {
    return this.pattern ? text.replace(this.pattern, REPLACEMENT) : text;
  }

  /** Scrubs every string inside a JSON-like value (API responses). */
  scrubValue<T>(value: T): T {
    if (!this.pattern) return value;
    return JSON.parse(this.scrub(JSON.stringify(value))) as T;
  }
}
