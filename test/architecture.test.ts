/**
 * The import walk of docs/decisions/0019-module-contract.md: no cycles, a module
 * (or a folder inside one) reached only through its index.ts face, platform/ and
 * kernel/ importing no module, a web portal importing no other portal. The rules
 * are in .dependency-cruiser.cjs.
 */
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

async function violations(folder: string): Promise<string[]> {
  const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
  const tsConfig = extractTSConfig('tsconfig.json');
  const { output } = await cruise([folder], { ...options, validate: true }, undefined, { tsConfig });
  const result = output as ICruiseResult;
  return (result.summary.violations ?? []).map((v) => {
    const cycle = v.cycle?.length ? `\n    cycle: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')}` : '';
    return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
  });
}

function report(found: string[]): string {
  return found.length ? `${found.length} import rule violation(s):\n  ${found.join('\n  ')}` : 'no violations';
}

describe('the import walk', () => {
  it('server/src: no cycles, faces only, platform and kernel import no module', { timeout: 120_000 }, async () => {
    const found = await violations('server/src');
    if (found.length) console.error(report(found));
    expect(found, report(found)).toEqual([]);
  });

  it('web/src: no cycles, no portal imports another portal', { timeout: 120_000 }, async () => {
    const found = await violations('web/src');
    if (found.length) console.error(report(found));
    expect(found, report(found)).toEqual([]);
  });
});
