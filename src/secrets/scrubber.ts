import { passwordsIn, REDACTED } from './redact-url.js';

/**
 * Every secret masq has learnt in this process (salts once resolved, the passwords of the URLs
 * it connects to), and the one function that takes them out of a text before it is printed.
 * PostgreSQL's error texts quote values (`invalid input syntax for type integer: "<salt>"`),
 * so scrubbing by value at the output is what holds whatever statement failed.
 */
export class Scrubber {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;

  addSecret(value: string): void {
    if (value === '') return;
    const utf8 = Buffer.from(value, 'utf8');
    // The forms a secret is printed in: as is, inside a JSON string, in a URL, in an SQL literal,
    // and as the hex or base64 of its bytes.
    for (const form of [
      value,
      JSON.stringify(value).slice(1, -1),
      encodeURIComponent(value),
      value.replaceAll("'", "''"),
      utf8.toString('hex'),
      utf8.toString('base64'),
    ])
      this.forms.add(form);
    this.pattern = undefined;
  }

  /** The password(s) of a connection string, in every spelling `redactUrl` recognises. */
  addUrl(url: string): void {
    for (const password of passwordsIn(url)) this.addSecret(password);
  }

  scrub(text: string): string {
    if (this.forms.size === 0) return text;
    this.pattern ??= new RegExp(
      // Longest first: a secret that contains another is replaced whole.
      [...this.forms]
        .sort((a, b) => b.length - a.length)
        .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, REDACTED);
  }
}

/** The secrets of this process: filled where they are resolved, applied where masq prints. */
export const knownSecrets = new Scrubber();
