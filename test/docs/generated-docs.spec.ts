import { readFileSync } from 'node:fs';
import { PROBLEM_CODES_FILE, RULES_FILE, problemCodesSource, rulesMarkdown } from '../../scripts/generate-docs';

/** The generated documentation must match the code: run `npm run docs:rules` after citing a rule or adding a code. */
describe('generated documentation is current', () => {
  it('docs/rules.md lists every rule ID cited in src/ and test/ (npm run docs:rules)', () => {
    expect(readFileSync(RULES_FILE, 'utf8')).toBe(rulesMarkdown());
  });

  it('the ProblemDetails code enum lists every problem code in src/ (npm run docs:rules)', () => {
    expect(readFileSync(PROBLEM_CODES_FILE, 'utf8')).toBe(problemCodesSource());
  });

  it('docs/rules.md cites the rules the deciders enforce, with their tests', () => {
    const rules = readFileSync(RULES_FILE, 'utf8');
    expect(rules).toMatch(/\| VM-3 \| decided[^\n]*test/);
    expect(rules).toMatch(/\| CS-5 \| decided, re-checked/);
  });
});
