/**
 * No input text reaches a shell, eval, new Function or innerHTML
 * ==============================================================
 *
 * A static check over the source: src/ must not evaluate strings as code (eval, new Function,
 * Function(), the vm module, string timers), must not run a shell (child_process exec/execSync,
 * `shell: true`), may import child_process only in the files listed below (argument arrays, no
 * shell), and may import() only literal module paths. viewer/src must not write HTML from strings
 * (innerHTML, outerHTML, insertAdjacentHTML, document.write) — it builds DOM nodes and sets
 * textContent. Comments and string contents are blanked first, so a banner or a message that
 * says "never eval(" does not count.
 * (The view server's path traversal tests and the Neo4j sink's Cypher tests live with their
 * owners.)
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** Files that may import child_process, and why. */
const CHILD_PROCESS_ALLOWED: Record<string, string> = {
  'src/cli/rerun.ts': 'a large build re-runs its own command line in a child Node (process.execPath, argument array, no shell) to raise the heap limit',
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(?:ts|tsx|js|mjs|cjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Source without comments and with string contents blanked (quotes kept): only code is left. */
export function stripComments(code: string): string {
  let out = '';
  let i = 0;
  let quote: string | null = null;
  while (i < code.length) {
    const c = code[i];
    if (quote) {
      // String contents are blanked (line breaks kept): text in a message is not code.
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === quote) {
        out += c;
        quote = null;
      } else if (c === '\n') out += c;
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
      i++;
    } else if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      // Keep the comment's line breaks so reported line numbers match the file.
      out += code.slice(i, stop).replace(/[^\n]/g, '');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface Rule {
  name: string;
  pattern: RegExp;
}

const CODE_FROM_STRINGS: Rule[] = [
  { name: 'eval(', pattern: /(?<![\w.$])eval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
  { name: 'Function() call', pattern: /(?<![\w.$])Function\s*\(/ },
  { name: 'a timer given a string', pattern: /\bset(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/ },
  { name: 'import() of a computed path', pattern: /(?<![\w.$])import\s*\(\s*(?!['"`]|$)/m },
];

const SHELL: Rule[] = [
  { name: 'child_process exec/execSync (runs a shell)', pattern: /\bexec(?:Sync)?\s*\(/ },
  { name: 'shell: true', pattern: /\bshell\s*:\s*(?!false)/ },
];

const HTML_FROM_STRINGS: Rule[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\.write(?:ln)?\s*\(/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
];

function violations(files: string[], rules: Rule[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const code = stripComments(readFileSync(file, 'utf8'));
    for (const rule of rules) {
      const m = rule.pattern.exec(code);
      if (m) out.push(`${relative(ROOT, file)}:${code.slice(0, m.index).split('\n').length}: ${rule.name}`);
    }
  }
  return out;
}

const SRC = sourceFiles(join(ROOT, 'src'));
const VIEWER = sourceFiles(join(ROOT, 'viewer', 'src'));

describe('no input text is run as code or markup', () => {
  it('finds the sources it checks', () => {
    expect(SRC.length).toBeGreaterThan(20);
  });

  it('src/ never evaluates strings as code', () => {
    expect(violations([...SRC, ...VIEWER], CODE_FROM_STRINGS)).toEqual([]);
    const vm = [...SRC, ...VIEWER].filter((f) => /(?:from|import|require)\s*\(?\s*['"](?:node:)?vm['"]/.test(readFileSync(f, 'utf8')));
    expect(vm.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('src/ never runs a shell, and uses child_process only where allowed', () => {
    const users = SRC.filter((f) => /(?:from|import|require)\s*\(?\s*['"](?:node:)?child_process['"]/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => relative(ROOT, f)).filter((f) => !(f in CHILD_PROCESS_ALLOWED))).toEqual([]);
    expect(violations(users, SHELL)).toEqual([]);
  });

  it('viewer/src never writes HTML from strings', () => {
    expect(violations(VIEWER, HTML_FROM_STRINGS)).toEqual([]);
  });

  it('the checks themselves catch what they are for', () => {
    const probe = (code: string, rules: Rule[]) => rules.filter((r) => r.pattern.test(stripComments(code))).map((r) => r.name);
    expect(probe('const x = eval(text);', CODE_FROM_STRINGS)).toEqual(['eval(']);
    expect(probe('const f = new Function("a", body);', CODE_FROM_STRINGS)).toContain('new Function');
    expect(probe('await import(userPath);', CODE_FROM_STRINGS)).toEqual(['import() of a computed path']);
    expect(probe("await import('./commands/build.js');", CODE_FROM_STRINGS)).toEqual([]);
    expect(probe('// never eval(input)\nconst ok = 1;', CODE_FROM_STRINGS)).toEqual([]);
    expect(probe('io.stdout(`run import (with the database stopped)`);', CODE_FROM_STRINGS)).toEqual([]);
    expect(probe('setTimeout("alert(1)", 10);', CODE_FROM_STRINGS)).toEqual(['a timer given a string']);
    expect(probe('retrieval(x); medieval(y);', CODE_FROM_STRINGS)).toEqual([]);
    expect(probe("execSync(`git ${arg}`)", SHELL)).toHaveLength(1);
    expect(probe("spawn('git', ['log'], { shell: true })", SHELL)).toEqual(['shell: true']);
    expect(probe('el.innerHTML = label;', HTML_FROM_STRINGS)).toEqual(['innerHTML']);
    expect(probe('el.textContent = label;', HTML_FROM_STRINGS)).toEqual([]);
  });
});
