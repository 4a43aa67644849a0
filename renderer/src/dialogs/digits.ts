/** An MFA code as typed or pasted ("123 456", "123-456"): its digits only, at most six. */
export function codeDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, 6);
}
