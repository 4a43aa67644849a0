import { describe, expect, it } from 'vitest';
import { AwsFileFormatError } from '../../main/core/aws-files/errors';
import { appendBlock, findSection, joinIniBlocks, removeBlock, replaceBlock, sectionEntries, splitIniBlocks, trailingTrivia } from '../../main/core/aws-files/ini-blocks';

const FILE = '/tmp/aws/config';

const samples: Record<string, string> = {
  empty: '',
  'preamble only': '# just a comment\n\n',
  'no trailing newline': '[default]\nregion = eu-west-1',
  crlf: '# 設定ファイル\r\n[default]\r\nregion = ap-northeast-1\r\n\r\n[profile dev]\r\nregion = us-east-1\r\n',
  'unicode and blank lines': '\n\n; コメント — ünïcödé ✓\n[a]\n\n  # indented comment\nk=v\n\n\n[b]\nx = 1 = 2\n',
  nested: '[profile x]\ns3 =\n  max_concurrent_requests = 10\n  max_queue_size = 1000\nregion = eu-west-1\n',
  'mixed endings': '[a]\r\nk = v\n[b]\r\nj = w',
};

describe('splitIniBlocks', () => {
  it.each(Object.entries(samples))('joins back to the exact input: %s', (_, text) => {
    expect(joinIniBlocks(splitIniBlocks(text, FILE))).toBe(text);
  });

  it('puts comments and blank lines before a header at the end of the previous block', () => {
    const blocks = splitIniBlocks(samples['unicode and blank lines'] as string, FILE);
    expect(blocks.map((b) => b.name)).toEqual([null, 'a', 'b']);
    expect(blocks[0]?.text).toBe('\n\n; コメント — ünïcödé ✓\n');
    expect(blocks[1]?.text).toBe('[a]\n\n  # indented comment\nk=v\n\n\n');
    expect(blocks[2]).toEqual({ name: 'b', text: '[b]\nx = 1 = 2\n', line: 10 });
  });

  it('keeps the \\r\\n endings inside each block', () => {
    const blocks = splitIniBlocks(samples.crlf as string, FILE);
    expect(blocks[1]?.text).toBe('[default]\r\nregion = ap-northeast-1\r\n\r\n');
    expect(blocks[2]?.name).toBe('profile dev');
  });

  it('trims the section name, as the AWS CLI compares it', () => {
    expect(splitIniBlocks('[ profile  dev ]  ; note\n', FILE)[1]?.name).toBe('profile  dev');
  });
});

describe('block edits', () => {
  const text = '# top\n[a]\nk = 1\n# about b\n[b]\nk = 2\n\n[c]\nk = 3\n';

  it('finds, replaces and removes a block without touching its neighbours', () => {
    const blocks = splitIniBlocks(text, FILE);
    const b = findSection(blocks, 'b');
    expect(b).toBe(2);
    expect(findSection(blocks, 'missing')).toBe(-1);
    expect(joinIniBlocks(replaceBlock(blocks, b, '[b]\nk = 9\n'))).toBe('# top\n[a]\nk = 1\n# about b\n[b]\nk = 9\n[c]\nk = 3\n');
    expect(joinIniBlocks(removeBlock(blocks, b))).toBe('# top\n[a]\nk = 1\n# about b\n[c]\nk = 3\n');
    const withTrivia = removeBlock(blocks, 1, trailingTrivia(blocks[1]!, FILE));
    expect(joinIniBlocks(withTrivia)).toBe('# top\n# about b\n[b]\nk = 2\n\n[c]\nk = 3\n');
  });

  it('reports the trailing blank and comment lines of a block', () => {
    const blocks = splitIniBlocks(text, FILE);
    expect(trailingTrivia(blocks[1]!, FILE)).toBe('# about b\n');
    expect(trailingTrivia(blocks[2]!, FILE)).toBe('\n');
    expect(trailingTrivia(blocks[3]!, FILE)).toBe('');
  });

  it('appends after a final newline, adding one (in the file style) when missing', () => {
    expect(joinIniBlocks(appendBlock(splitIniBlocks('[a]\nk = 1\n', FILE), 'n', '[n]\n'))).toBe('[a]\nk = 1\n[n]\n');
    expect(joinIniBlocks(appendBlock(splitIniBlocks('[a]\nk = 1', FILE), 'n', '[n]\n'))).toBe('[a]\nk = 1\n[n]\n');
    expect(joinIniBlocks(appendBlock(splitIniBlocks('[a]\r\nk = 1', FILE), 'n', '[n]\r\n'))).toBe('[a]\r\nk = 1\r\n[n]\r\n');
    expect(joinIniBlocks(appendBlock(splitIniBlocks('', FILE), 'n', '[n]\n'))).toBe('[n]\n');
  });
});

describe('sectionEntries', () => {
  it('reads keys, skips comments, splits on the first =, keeps nested sub-keys apart', () => {
    const text =
      '[profile x]\n# role_arn = commented\n; mfa_serial = also\nRole_Arn = arn:aws:iam::123456789012:role/a=b\ns3 =\n  max_concurrent_requests = 10\n\n  max_queue_size = 1000\nregion=eu-west-1\n';
    const [, block] = splitIniBlocks(text, FILE);
    expect(sectionEntries(block!, FILE)).toEqual([
      { key: 'role_arn', value: 'arn:aws:iam::123456789012:role/a=b', line: 4 },
      { key: 's3', value: '', line: 5, nested: 'max_concurrent_requests = 10\nmax_queue_size = 1000' },
      { key: 'region', value: 'eu-west-1', line: 9 },
    ]);
  });

  it("accepts ':' as the AWS CLI does, only when it comes before any '='", () => {
    const [, block] = splitIniBlocks('[a]\nregion: eu-west-1\nrole_arn = arn:aws:iam::1:role/x\n', FILE);
    expect(sectionEntries(block!, FILE).map((e) => [e.key, e.value])).toEqual([
      ['region', 'eu-west-1'],
      ['role_arn', 'arn:aws:iam::1:role/x'],
    ]);
  });
});

describe('malformed files', () => {
  const cases: [string, string, number, RegExp][] = [
    ['unclosed header', '[a]\nk = v\n\n[profile dev\nk = v\n', 4, /closing '\]'/],
    ['line without =', '[a]\nk = v\njust some words\n', 3, /no '='/],
    ['key before any section', '# ok\nregion = eu-west-1\n[a]\n', 2, /before any \[section\]/],
    ['empty header', '[a]\n[]\n', 2, /no name/],
    ['empty key', '[a]\n = v\n', 2, /key name/],
  ];

  it.each(cases)('%s: names the file and the 1-based line', (_, text, line, reason) => {
    let error: unknown;
    try {
      splitIniBlocks(text, FILE);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AwsFileFormatError);
    const e = error as AwsFileFormatError;
    expect(e.line).toBe(line);
    expect(e.file).toBe(FILE);
    expect(e.message).toMatch(new RegExp(`^${FILE} line ${line}: `));
    expect(e.message).toMatch(reason);
    expect(e.hint).toBe('Fix the line and try again.');
  });

  it('reads indented lines under a key as part of that key, not as broken lines', () => {
    const text = '[a]\nk =\n  words without equals sign\n\tmore\n[b]\n';
    expect(joinIniBlocks(splitIniBlocks(text, FILE))).toBe(text);
  });
});
