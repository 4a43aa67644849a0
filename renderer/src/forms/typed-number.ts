// Numbers as typed in a form, converted to the unit the catalog keeps ("1.5" hours is 5400
// seconds). One helper for every such field, so blank, junk and rounding mean the same in each.

/**
 * `text` times `factor`: undefined when blank (left out), NaN when it is not a number (the core's
 * schema then refuses it, naming the field). Rounded to whole units unless `round` is false: a
 * lead in whole minutes must refuse 15.5 as the core does, not quietly round it.
 */
export function scaledNumber(text: string, factor: number, round = true): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed) * factor;
  if (!Number.isFinite(value)) return Number.NaN;
  return round ? Math.round(value) : value;
}
