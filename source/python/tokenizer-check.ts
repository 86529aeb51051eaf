/**
 * The errors CPython's tokenizer reports before (or instead of) a parser error:
 * unterminated strings, unbalanced brackets, indentation problems and tab/space mixing,
 * plus the parser's "expected ':'" for block headers. Each returns the SyntaxError
 * CPython would print, or null.
 */
import { PythonSyntaxError } from './syntax-error.js';

type Bracket = { ch: string; line: number; col: number };

const OPEN = '([{';
const CLOSE = ')]}';
const NAMES: Record<string, string> = { '(': '(', '[': '[', '{': '{', ')': ')', ']': ']', '}': '}' };

export type TokenScan = {
  error: PythonSyntaxError | null;
  /** Brackets still open at the end of the file (innermost last). */
  unclosed: Bracket[];
};

/** Scan strings, comments and brackets (errors that do not depend on indentation). */
export function scanTokens(text: string, filename: string): TokenScan {
  const lines = text.split('\n');
  const stack: Bracket[] = [];
  let line = 1;
  let col = 0;
  const err = (msg: string, l: number, c: number, endC = c + 1) =>
    new PythonSyntaxError(msg, filename, l, c + 1, lines[l - 1] ?? '', 'SyntaxError', endC + 1);
  for (let i = 0; i < text.length; i++, col++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      col = -1;
      continue;
    }
    if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') {
        i++;
        col++;
      }
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
      line++;
      col = -1;
      continue;
    }
    if (c === '"' || c === "'") {
      // string prefix letters were consumed as part of a name; handle raw strings
      let j = i - 1;
      while (j >= 0 && /[rRbBuUfF]/.test(text[j]!)) j--;
      const prefix = text.slice(j + 1, i);
      const raw = /r/i.test(prefix) && !/[^rRbBuUfF]/.test(prefix) && (j < 0 || !/\w/.test(text[j]!));
      const triple = text.startsWith(c.repeat(3), i);
      const startLine = line;
      const startCol = col - prefix.length * (j >= -1 && !/\w/.test(text[j] ?? ' ') ? 1 : 0);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      col += close.length;
      let closed = false;
      for (; i < text.length; i++, col++) {
        const d = text[i]!;
        if (d === '\\' && !raw) {
          if (text[i + 1] === '\n') {
            line++;
            col = -1;
          } else col++;
          i++;
          continue;
        }
        if (d === '\\' && raw) {
          i++;
          col++;
          if (text[i] === '\n') {
            line++;
            col = -1;
          }
          continue;
        }
        if (d === '\n') {
          if (!triple) break;
          line++;
          col = -1;
          continue;
        }
        if (text.startsWith(close, i)) {
          i += close.length - 1;
          col += close.length - 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        const detected = triple ? Math.max(line - (text.endsWith('\n') ? 1 : 0), startLine) : startLine;
        return {
          error: err(`unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${detected})`, startLine, startCol),
          unclosed: stack,
        };
      }
      continue;
    }
    if (OPEN.includes(c)) {
      stack.push({ ch: c, line, col });
      continue;
    }
    if (CLOSE.includes(c)) {
      const open = stack.pop();
      if (!open) return { error: err(`unmatched '${c}'`, line, col), unclosed: stack };
      const expected = CLOSE[OPEN.indexOf(open.ch)];
      if (expected !== c) {
        const where = open.line === line ? '' : ` on line ${open.line}`;
        return {
          error: err(`closing parenthesis '${NAMES[c]}' does not match opening parenthesis '${NAMES[open.ch]}'${where}`, line, col),
          unclosed: stack,
        };
      }
    }
  }
  return { error: null, unclosed: stack };
}

/**
 * Indentation of logical lines (outside brackets and strings): IndentationError for an
 * unexpected indent, a missing indented block, an unindent that matches no outer level,
 * and TabError for inconsistent tabs and spaces.
 */
export function checkIndentation(text: string, filename: string): PythonSyntaxError | null {
  const lines = text.split('\n');
  const logical = logicalLineStarts(text);
  const stack: string[] = [''];
  let prevOpener: { line: number; keyword: string } | null = null;
  for (let li = 0; li < logical.length; li++) {
    const ln = logical[li]!;
    const raw = lines[ln - 1]!;
    const content = raw.trim();
    if (!content || content.startsWith('#')) continue;
    const indent = raw.slice(0, raw.length - raw.trimStart().length);
    const top = stack[stack.length - 1]!;
    if (mixesTabsInconsistently(indent, top)) {
      return new PythonSyntaxError('inconsistent use of tabs and spaces in indentation', filename, ln, 1, raw, 'TabError');
    }
    const width = measure(indent);
    const topWidth = measure(top);
    if (prevOpener) {
      if (width <= topWidth) {
        return new PythonSyntaxError(
          `expected an indented block after ${prevOpener.keyword} on line ${prevOpener.line}`,
          filename, ln, indent.length + 1, raw, 'IndentationError',
        );
      }
      stack.push(indent);
    } else if (width > topWidth) {
      return new PythonSyntaxError('unexpected indent', filename, ln, 0, raw, 'IndentationError');
    } else if (width < topWidth) {
      while (stack.length > 1 && measure(stack[stack.length - 1]!) > width) stack.pop();
      if (measure(stack[stack.length - 1]!) !== width) {
        return new PythonSyntaxError('unindent does not match any outer indentation level', filename, ln, raw.length + 1, raw, 'IndentationError');
      }
    }
    // A logical line can span physical lines; a block opener ends its last one with ':'.
    const lastLine = (logical[li + 1] ?? lines.length + 1) - 1;
    prevOpener = blockOpener(content, lines[lastLine - 1]!.trim(), ln);
  }
  return null;
}

function measure(indent: string): number {
  let w = 0;
  for (const c of indent) w = c === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
  return w;
}

/** Tabs and spaces whose meaning depends on the tab size (CPython compares with sizes 8 and 1). */
function mixesTabsInconsistently(indent: string, top: string): boolean {
  const alt = (s: string) => s.replace(/\t/g, ' ').length;
  const a = measure(indent) - measure(top);
  const b = alt(indent) - alt(top);
  return Math.sign(a) !== Math.sign(b);
}

function blockOpener(first: string, last: string, line: number): { line: number; keyword: string } | null {
  if (!stripComment(last).endsWith(':')) return null;
  const m = /^(async\s+)?(if|elif|else|for|while|try|except|finally|with|def|class|match|case)\b/.exec(first);
  if (!m) return null;
  const kw = m[2]!;
  const what: Record<string, string> = {
    if: "'if' statement", elif: "'elif' statement", else: "'else' statement", for: "'for' statement",
    while: "'while' statement", try: "'try' statement", except: "'except' statement", finally: "'finally' statement",
    with: "'with' statement", match: "'match' statement", case: "'case' statement",
  };
  if (kw === 'def') return { line, keyword: `function definition` };
  if (kw === 'class') return { line, keyword: `class definition` };
  return { line, keyword: what[kw]! };
}

function stripComment(s: string): string {
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#') return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

/** Line numbers where logical lines start (not inside brackets, strings or continuations). */
export function logicalLineStarts(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let atStart = true;
  let continued = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (atStart && !continued && depth === 0) {
      out.push(line);
    }
    atStart = false;
    if (c === '\n') {
      line++;
      atStart = true;
      continued = false;
      continue;
    }
    if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      continued = true;
      i++;
      line++;
      atStart = true;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      for (; i < text.length; i++) {
        if (text[i] === '\\') {
          if (text[i + 1] === '\n') line++;
          i++;
          continue;
        }
        if (text[i] === '\n') {
          if (!triple) break;
          line++;
          continue;
        }
        if (text.startsWith(close, i)) {
          i += close.length - 1;
          break;
        }
      }
      continue;
    }
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    if (depth > 0) continued = false;
  }
  return [...new Set(out)];
}

/** `if x` / `for x in y` / `class A` without the colon: "expected ':'" at the line's end. */
export function checkMissingColon(text: string, filename: string, errorLine: number, errorOffset = Infinity): PythonSyntaxError | null {
  const lines = text.split('\n');
  const raw = lines[errorLine - 1] ?? '';
  const code = stripComment(raw.trim());
  // The header must end where the error is: `if x pass` is "invalid syntax" at `pass`.
  const codeEnd = raw.length - raw.trimStart().length + code.length;
  if (errorOffset - 1 < codeEnd) return null;
  if (!/^(async\s+)?(if|elif|else|for|while|try|except|finally|with|def|class|match|case)\b/.test(code) || code.endsWith(':')) return null;
  if (/^(else|try|finally)$/.test(code) === false && /^(if|elif|while|for|with|def|class|except|match|case)\b/.test(code) === false) return null;
  if (hasTopLevelColon(code)) return null;
  // `match`/`case` are soft keywords: only a header when something follows them
  if (/^(match|case)\s*($|[=.,)\]}:;]|[-+*/%&|^<>!]=)/.test(code)) return null;
  const end = raw.trimEnd().length;
  return new PythonSyntaxError("expected ':'", filename, errorLine, end + 1, raw);
}

/**
 * invalid_legacy_expression (python.gram): a logical line `print EXPR` or `exec EXPR` up
 * to the parser's error is "Missing parentheses in call to 'print'. Did you mean
 * print(...)?", highlighted from the name to the end of the expressions. `parses` tells
 * whether a piece of text is a valid expression list.
 */
export function checkLegacyCall(text: string, filename: string, errorLine: number, parses: (expr: string) => boolean): PythonSyntaxError | null {
  const lines = text.split('\n');
  for (const ln of logicalLineStarts(text)) {
    if (ln > errorLine) break;
    const raw = lines[ln - 1] ?? '';
    const m = /^([ \t\f]*)(print|exec)[ \t]+(?=[^\s(=.,;:)\]}])(.*)$/.exec(raw);
    if (!m) continue;
    const rest = stripComment(m[3]!);
    if (!rest || !parses(rest)) continue;
    const start = m[1]!.length;
    const end = raw.indexOf(rest, start + m[2]!.length) + rest.length;
    return new PythonSyntaxError(`Missing parentheses in call to '${m[2]}'. Did you mean ${m[2]}(...)?`, filename, ln, start + 1, raw, 'SyntaxError', end + 1);
  }
  return null;
}

/** A ':' outside brackets and strings (not the walrus): the header has its colon. */
function hasTopLevelColon(code: string): boolean {
  let depth = 0;
  let q: string | null = null;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (c === ':' && depth === 0 && code[i + 1] !== '=') return true;
  }
  return false;
}
