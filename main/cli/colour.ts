// Colour and emphasis for a person reading a terminal, and none for anything else: a pipe, a file,
// `NO_COLOR`, `NODE_DISABLE_COLORS` or `TERM=dumb` (node's own tty.WriteStream#hasColors decides).
// The escapes are node's util.styleText; on Node 20 it ignores its `stream` option and always
// styles, so whether to style is decided here, per stream (stdout and stderr may differ).
import { styleText } from 'node:util';

/** What a piece of text tells the reader; each has one look. */
export type Tone = 'expiring' | 'expired' | 'note';

const LOOK: Record<Tone, Parameters<typeof styleText>[0]> = {
  expiring: 'yellow',
  expired: 'red',
  note: 'bold',
};

export type Paint = (tone: Tone | undefined, text: string) => string;

export function paintFor(stream: NodeJS.WriteStream): Paint {
  const colours = stream.isTTY === true && typeof stream.hasColors === 'function' && stream.hasColors();
  if (!colours) return (_tone, text) => text;
  return (tone, text) => (tone && text ? styleText(LOOK[tone], text, { stream }) : text);
}
