// The console sign-in's rules as pure functions: the partition of a role ARN and its hosts, where
// the console opens, when SessionDuration may be sent, and how the OS opener gets a page path.
import { describe, expect, it } from 'vitest';
import { consoleSessionSeconds, isConsoleHost, isSigninHost, partitionOf, resolveDestination } from '../../common/console';
import { openerFor, redirectPage } from '../../main/core/console/redirect-file';

describe('console rules', () => {
  it.each([
    ['arn:aws:iam::123456789012:role/admin', 'aws'],
    ['arn:aws-cn:iam::123456789012:role/admin', 'aws-cn'],
    ['arn:aws-us-gov:iam::123456789012:role/admin', 'aws-us-gov'],
    ['arn:aws-iso:iam::123456789012:role/admin', undefined],
  ])('the partition of %s is %s', (arn, partition) => {
    expect(partitionOf(arn)).toBe(partition);
  });

  it('sends SessionDuration only for a role assumed from the long-term key, within 15 min–12 h', () => {
    expect(consoleSessionSeconds('mfa-session', 3600_000)).toBeUndefined();
    expect(consoleSessionSeconds('role', 3600_000)).toBeUndefined();
    expect(consoleSessionSeconds('long-term-key', 4 * 3600_000)).toBe(14400);
    expect(consoleSessionSeconds('long-term-key', 20 * 3600_000)).toBe(43200);
    expect(consoleSessionSeconds('long-term-key', 60_000)).toBe(900);
  });

  it('opens the region home, a service, or a console URL of the partition; nothing else', () => {
    expect(resolveDestination('aws', 'eu-west-1')).toEqual({ ok: true, url: 'https://console.aws.amazon.com/console/home?region=eu-west-1' });
    expect(resolveDestination('aws-cn', 'cn-north-1', 's3')).toEqual({ ok: true, url: 'https://console.amazonaws.cn/s3/home?region=cn-north-1' });
    expect(resolveDestination('aws', 'us-east-1', 'https://us-east-1.console.aws.amazon.com/ec2/home')).toEqual({
      ok: true,
      url: 'https://us-east-1.console.aws.amazon.com/ec2/home',
    });
    for (const bad of [
      'https://console.aws.amazon.com.evil.example/',
      'https://console.amazonaws.cn/',
      'http://console.aws.amazon.com/',
      'https://u:p@console.aws.amazon.com/',
    ]) {
      expect(resolveDestination('aws', 'us-east-1', bad).ok, bad).toBe(false);
    }
    expect(resolveDestination('aws', 'moon').ok).toBe(false);
    expect(resolveDestination('aws', 'us-east-1', 'http://127.0.0.1:9/console/home', 'http://127.0.0.1:9').ok).toBe(true);
  });

  it('knows the sign-in and console hosts of each partition, regional ones included', () => {
    expect(isSigninHost('aws', 'us-east-1.signin.aws.amazon.com')).toBe(true);
    expect(isSigninHost('aws', 'signin.aws.amazon.com.evil.example')).toBe(false);
    expect(isConsoleHost('aws-us-gov', 'console.amazonaws-us-gov.com')).toBe(true);
    expect(isConsoleHost('aws', 'console.amazonaws-us-gov.com')).toBe(false);
  });

  it('gives the OS opener the page path only, and the page escapes the URL', () => {
    expect(openerFor('linux', '/run/user/1/p.html')).toEqual(['xdg-open', '/run/user/1/p.html']);
    expect(openerFor('darwin', '/tmp/p.html')).toEqual(['open', '/tmp/p.html']);
    expect(openerFor('win32', 'C:\\t\\p.html')).toEqual(['explorer.exe', 'C:\\t\\p.html']);
    const page = redirectPage('https://signin.aws.amazon.com/federation?Action=login&x="><script>');
    expect(page).not.toContain('"><script>');
    expect(page).toContain('content="0;url=https://signin.aws.amazon.com/federation?Action=login&#38;x=&#34;&#62;&#60;script&#62;"');
  });
});
