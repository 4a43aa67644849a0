// A byte-preserving view of the shared AWS files. The user's ~/.aws files are theirs: we only ever
// swap whole blocks of text, so comments, blank lines, \r\n endings and a missing final newline
// survive every write. Lines are classified the way the AWS CLI's parser (Python configparser)
// does it, so a file the AWS CLI reads is a file we read, and the same lines are rejected.
import { AwsFileFormatError } from './errors';

/** The preamble (name null, text before the first header) or one section, header included. */
export interface IniBlock {
  name: string | null;
  /** Exact original text, line endings included. */
  text: string;
  /** 1-based line of the block's first line in the text it was parsed from. */
  line: number;
}

export type IniLine =
  | { kind: 'blank' | 'comment' | 'continuation'; raw: string; line: number }
  | { kind: 'header'; raw: string; line: number; name: string }
  | { kind: 'option'; raw: string; line: number; key: string; value: string };

export interface IniEntry {
  /** Lower-cased, as the AWS CLI and SDKs compare keys. */
  key: string;
  value: string;
  line: number;
  /** Indented lines after the key (AWS sub-keys such as `s3 =\n  max_concurrent_requests = 10`). */
  nested?: string;
}

/** Splits into lines, each keeping its own `\n` or `\r\n`; the last may have none. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function stripEol(raw: string): string {
  return raw.replace(/\r?\n$/, '');
}

/** The file's line ending, so the lines we add look like the lines around them. */
export function detectEol(text: string): '\n' | '\r\n' {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Classifies every line. A line indented deeper than the key line above it continues that key
 * (configparser's rule; blank and comment lines in between do not end it), which is how AWS's
 * nested sub-keys are kept out of the section's own keys.
 */
export function scanIni(text: string, file: string, firstLine = 1): IniLine[] {
  const out: IniLine[] = [];
  let inSection = false;
  let optionIndent: number | null = null;
  splitLines(text).forEach((raw, i) => {
    const line = firstLine + i;
    const content = stripEol(raw);
    const trimmed = content.trim();
    if (trimmed === '') return void out.push({ kind: 'blank', raw, line });
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      return void out.push({ kind: 'comment', raw, line });
    }
    const indent = content.length - content.trimStart().length;
    if (optionIndent !== null && indent > optionIndent) {
      return void out.push({ kind: 'continuation', raw, line });
    }
    if (trimmed.startsWith('[')) {
      // Greedy up to the last ']', as configparser reads `[profile x]`.
      const match = /^\[(.*)\]/.exec(trimmed);
      if (!match) throw new AwsFileFormatError(file, line, "section header is missing its closing ']'");
      const name = (match[1] ?? '').trim();
      if (name === '') throw new AwsFileFormatError(file, line, 'section header has no name');
      inSection = true;
      optionIndent = null;
      return void out.push({ kind: 'header', raw, line, name });
    }
    if (!inSection) {
      throw new AwsFileFormatError(file, line, 'this line comes before any [section] header');
    }
    // The first '=' splits; ':' is the AWS CLI's other delimiter and counts only when it comes first.
    const eq = trimmed.indexOf('=');
    const colon = trimmed.indexOf(':');
    const at = eq === -1 ? colon : colon === -1 ? eq : Math.min(eq, colon);
    if (at === -1) throw new AwsFileFormatError(file, line, "expected 'key = value' but found no '='");
    const key = trimmed.slice(0, at).trim().toLowerCase();
    if (key === '') throw new AwsFileFormatError(file, line, "expected a key name before '='");
    optionIndent = indent;
    out.push({ kind: 'option', raw, line, key, value: trimmed.slice(at + 1).trim() });
  });
  return out;
}

/**
 * Splits text into the preamble (always blocks[0], possibly empty) and one block per section.
 * Throws AwsFileFormatError for a line the AWS CLI would also reject.
 */
export function splitIniBlocks(text: string, file: string): IniBlock[] {
  const blocks: IniBlock[] = [{ name: null, text: '', line: 1 }];
  for (const l of scanIni(text, file)) {
    if (l.kind === 'header') blocks.push({ name: l.name, text: l.raw, line: l.line });
    else (blocks[blocks.length - 1] as IniBlock).text += l.raw;
  }
  return blocks;
}

export function joinIniBlocks(blocks: readonly IniBlock[]): string {
  return blocks.map((b) => b.text).join('');
}

/** Indexes of the sections matching `name` (a string or a predicate on the section name). */
export function findSections(blocks: readonly IniBlock[], name: string | ((sectionName: string) => boolean)): number[] {
  const matches = typeof name === 'string' ? (n: string) => n === name : name;
  const found: number[] = [];
  blocks.forEach((b, i) => {
    if (b.name !== null && matches(b.name)) found.push(i);
  });
  return found;
}

export function findSection(blocks: readonly IniBlock[], name: string): number {
  return findSections(blocks, name)[0] ?? -1;
}

/** The key = value pairs of a section; comments, blank lines and the header are skipped. */
export function sectionEntries(block: IniBlock, file: string): IniEntry[] {
  const entries: IniEntry[] = [];
  for (const l of scanIni(block.text, file, block.line)) {
    if (l.kind === 'option') entries.push({ key: l.key, value: l.value, line: l.line });
    else if (l.kind === 'continuation') {
      const last = entries[entries.length - 1];
      const text = stripEol(l.raw).trim();
      if (last) last.nested = last.nested === undefined ? text : `${last.nested}\n${text}`;
    }
  }
  return entries;
}

/**
 * The blank and comment lines at the end of a block. A comment there usually describes the next
 * section ("# production account" above "[prod]"), so replacing or removing a block keeps them.
 */
export function trailingTrivia(block: IniBlock, file: string): string {
  const lines = scanIni(block.text, file, block.line);
  let i = lines.length;
  while (i > 0 && (lines[i - 1]?.kind === 'blank' || lines[i - 1]?.kind === 'comment')) i--;
  return lines
    .slice(i)
    .map((l) => l.raw)
    .join('');
}

export function replaceBlock(blocks: readonly IniBlock[], index: number, text: string): IniBlock[] {
  const old = blocks[index];
  if (!old) throw new RangeError(`no block at index ${index}`);
  return blocks.map((b, i) => (i === index ? { ...b, text } : b));
}

/**
 * Removes a section. `keep` (usually its trailing trivia) stays in place by joining the block
 * before it, which always exists because blocks[0] is the preamble.
 */
export function removeBlock(blocks: readonly IniBlock[], index: number, keep = ''): IniBlock[] {
  const prev = blocks[index - 1];
  if (index < 1 || !blocks[index] || !prev) throw new RangeError(`no section at index ${index}`);
  const out = blocks.filter((_, i) => i !== index);
  out[index - 1] = { ...prev, text: prev.text + keep };
  return out;
}

/** Appends a section, first ending the file's last line if it has no line ending. */
export function appendBlock(blocks: readonly IniBlock[], name: string, text: string): IniBlock[] {
  const out = [...blocks];
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  const whole = joinIniBlocks(out);
  if (last && whole !== '' && !whole.endsWith('\n')) {
    out[lastIndex] = { ...last, text: last.text + detectEol(whole) };
  }
  out.push({ name, text, line: splitLines(joinIniBlocks(out)).length + 1 });
  return out;
}
