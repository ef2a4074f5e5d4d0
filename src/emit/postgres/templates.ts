import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../util/package-root.js';
import { ident, literal, qualified } from './quote.js';
import { isFragment } from './sql-fragment.js';

/**
 * Handlebars for SQL: escaping is off (it is HTML escaping), so a template may print only
 * through these helpers: names through `ident`/`qualified`, values through `literal` (or `number`),
 * SQL the emitter built through `sql`, user text in comments through `comment`.
 */
function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('ident', (name: unknown) => ident(String(name)));
  hb.registerHelper('qualified', (schema: unknown, name: unknown) =>
    qualified(String(schema), String(name)),
  );
  hb.registerHelper('literal', (value: unknown) =>
    literal(value as string | number | boolean | null),
  );
  hb.registerHelper('sql', (value: unknown) => {
    if (!isFragment(value))
      throw new Error(
        `template printed a value that is not emitter-built SQL: ${JSON.stringify(value)}`,
      );
    return value.sql;
  });
  hb.registerHelper('number', (value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`template printed ${JSON.stringify(value)} as a number`);
    return String(value);
  });
  // A comment ends at the line's end: keep user text on one line.
  hb.registerHelper('comment', (text: unknown) => String(text).replace(/[\r\n]+/g, ' '));
  return hb;
}

export type Render = (name: string, view: object) => string;

let cached: Render | undefined;

/** Compiles every template under templates/postgres once; partials are the same files. */
export function postgresTemplates(): Render {
  if (cached) return cached;
  const hb = createEnvironment();
  const dir = join(packageRoot(), 'templates', 'postgres');
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql.hbs'))) {
    const name = file.replace(/\.sql\.hbs$/, '');
    const text = readFileSync(join(dir, file), 'utf8');
    hb.registerPartial(name, text);
    compiled.set(name, hb.compile(text, { noEscape: true }));
  }
  cached = (name, view) => {
    const template = compiled.get(name);
    if (!template) throw new Error(`no template ${name}.sql.hbs`);
    return template(view).trimEnd();
  };
  return cached;
}
