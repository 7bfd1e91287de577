/**
 * Writes the attack fixtures of test/attacks/ (and its README) from the TEST ONLY keys in
 * certs/. Deterministic: running it again writes the same bytes. `npm run attack-fixtures`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAttackFixtures } from '../test/attacks/attack-fixtures.ts';
import { renderAttackReadme } from '../test/attacks/attack-readme.ts';

const dir = fileURLToPath(new URL('../test/attacks/', import.meta.url));
const fixtures = renderAttackFixtures();
for (const f of fixtures) writeFileSync(`${dir}${f.file}`, f.text);
writeFileSync(`${dir}README.md`, await renderAttackReadme());
console.log(`wrote ${fixtures.length} attack fixtures and README.md to test/attacks/`);
