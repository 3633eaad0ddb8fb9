import type { Env } from '../config/env.js';
import type { PartnersService } from '../partners/partners.service.js';
import { textColorOn, TranscriptBrandingSource } from './transcript-branding.js';

function sourceWith(
  branding: Awaited<ReturnType<PartnersService['brandingOf']>>,
  publicUrl?: string,
): TranscriptBrandingSource {
  const partners = { brandingOf: () => Promise.resolve(branding) } as unknown as PartnersService;
  return new TranscriptBrandingSource(partners, { PUBLIC_URL: publicUrl } as Env);
}

describe('transcript branding from the partner theme', () => {
  it('answers null (Switchboard) for a tenant without a partner', async () => {
    await expect(sourceWith({ partnerId: null, theme: {} }).brandingFor('t1')).resolves.toBeNull();
  });

  it('takes the product name, the light primary colour with readable text, and an absolute logo', async () => {
    const branding = await sourceWith(
      {
        partnerId: 'northwind',
        theme: {
          productName: 'Northwind Desk',
          logo: '/admin/northwind.svg',
          colors: { light: { primary: '#0b3d91' } },
        },
      },
      'https://sb.example.com',
    ).brandingFor('t1');
    expect(branding).toEqual({
      productName: 'Northwind Desk',
      primaryColor: '#0b3d91',
      onPrimaryColor: '#ffffff',
      logoUrl: 'https://sb.example.com/admin/northwind.svg',
    });
  });

  it('leaves out a data: logo and a path logo without PUBLIC_URL', async () => {
    const data = await sourceWith(
      { partnerId: 'p', theme: { logo: 'data:image/png;base64,AAAA' } },
      'https://sb.example.com',
    ).brandingFor('t1');
    expect(data?.logoUrl).toBeNull();
    const noUrl = await sourceWith({ partnerId: 'p', theme: { logo: '/x.svg' } }).brandingFor('t1');
    expect(noUrl?.logoUrl).toBeNull();
  });

  it('picks black or white text by luminance', () => {
    expect(textColorOn('#ffffff')).toBe('#000000');
    expect(textColorOn('#ffd43b')).toBe('#000000');
    expect(textColorOn('#1d4ed8')).toBe('#ffffff');
    expect(textColorOn('#000000')).toBe('#ffffff');
  });
});
