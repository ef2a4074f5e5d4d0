/**
 * Writes grammar/masq-diagrams.html, railroad diagrams of the .masq grammar drawn from the
 * parser itself, so they cannot drift from it. Run from the project root after compiling:
 *   npx tsc --outDir dist/grammar --rootDir . --module NodeNext --moduleResolution NodeNext \
 *     --target ES2022 --skipLibCheck grammar/generate-diagrams.ts
 *   node dist/grammar/grammar/generate-diagrams.js
 */
import { writeFileSync } from 'node:fs';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { masqParser } from '../src/frontend/masq/parser.js';

const out = 'grammar/masq-diagrams.html';
writeFileSync(out, createSyntaxDiagramsCode(masqParser.getSerializedGastProductions()));
console.log(`wrote ${out}`);
