import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outOfServicePage } from '../../../main/browser-shell/out-of-service-page.ts';

const config = (defaultLocale: 'zh-CN' | 'en') => ({
  defaultLocale,
  hallName: { 'zh-CN': '浦东新区<24小时>政务服务大厅', en: 'Pudong 24-Hour Hall' },
  receipt: { paper: '80mm' as const, hotline: '12345', trackingUrl: 'https://example.org/q?case=' },
});

describe('the out-of-service page', () => {
  it('speaks the terminal\'s language', () => {
    expect(outOfServicePage(config('en')).html).toContain('<h1>Out of service</h1>');
    expect(outOfServicePage(config('en')).html).toContain('Service hotline 12345');
    expect(outOfServicePage(config('zh-CN')).html).toContain('<h1>暂停服务</h1>');
  });

  it('escapes what comes from the config', () => {
    expect(outOfServicePage(config('zh-CN')).html).toContain('浦东新区&lt;24小时&gt;政务服务大厅');
  });

  it('allows its own style by hash and nothing else', () => {
    const page = outOfServicePage(config('zh-CN'));
    const style = /<style>(.*?)<\/style>/.exec(page.html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page.contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
    expect(page.contentSecurityPolicy.startsWith("default-src 'none'")).toBe(true);
  });
});
