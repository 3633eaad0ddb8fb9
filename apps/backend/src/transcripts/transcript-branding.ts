import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { PartnersService } from '../partners/partners.service.js';

/** How a transcript e-mail looks: the partner's white-label brand, or Switchboard's own. */
export interface TranscriptBranding {
  productName: string;
  /** An http(s) URL of the logo image; null shows the product name instead. */
  logoUrl: string | null;
  /** Header background, `#rrggbb`. */
  primaryColor: string;
  /** Header text on the primary colour, `#rrggbb`. */
  onPrimaryColor: string;
}

export const SWITCHBOARD_BRANDING: TranscriptBranding = {
  productName: 'Switchboard',
  logoUrl: null,
  primaryColor: '#1d4ed8',
  onPrimaryColor: '#ffffff',
};

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * A partner's branding made safe for an e-mail: colours that are not plain hex and logos that are
 * not http(s) URLs fall back to Switchboard's, so a partner record can never inject markup or CSS.
 */
export function safeBranding(partial: Partial<TranscriptBranding> | null): TranscriptBranding {
  const logo = partial?.logoUrl ?? null;
  let logoUrl: string | null = null;
  if (logo !== null && URL.canParse(logo) && /^https?:$/.test(new URL(logo).protocol)) {
    logoUrl = logo;
  }
  return {
    productName: partial?.productName?.trim() || SWITCHBOARD_BRANDING.productName,
    logoUrl,
    primaryColor: HEX_COLOR.test(partial?.primaryColor ?? '')
      ? partial!.primaryColor!
      : SWITCHBOARD_BRANDING.primaryColor,
    onPrimaryColor: HEX_COLOR.test(partial?.onPrimaryColor ?? '')
      ? partial!.onPrimaryColor!
      : SWITCHBOARD_BRANDING.onPrimaryColor,
  };
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white (1.05 / (L + 0.05)) beats contrast with black ((L + 0.05) / 0.05) below L ≈ 0.179.
  return luminance < 0.179 ? '#ffffff' : '#000000';
}

/**
 * A tenant's brand in its transcripts: the theme of the partner its installation belongs to
 * (product name, light primary colour, logo) or Switchboard's own. A logo stored as a path on
 * the backend becomes an absolute URL under PUBLIC_URL; a data: URL is left out, since mail
 * clients commonly block inline data images.
 */
@Injectable()
export class TranscriptBrandingSource {
  private readonly publicUrl: string | null;

  constructor(
    private readonly partners: PartnersService,
    @InjectEnv() env: Env,
  ) {
    this.publicUrl = env.PUBLIC_URL ?? null;
  }

  async brandingFor(tenantId: string): Promise<Partial<TranscriptBranding> | null> {
    const { partnerId, theme } = await this.partners.brandingOf(tenantId);
    if (partnerId === null) return null;
    const primary = theme.colors?.light?.primary;
    const logo = theme.logo;
    return {
      ...(theme.productName === undefined ? {} : { productName: theme.productName }),
      ...(primary === undefined
        ? {}
        : { primaryColor: primary, onPrimaryColor: textColorOn(primary) }),
      logoUrl:
        logo !== undefined && logo.startsWith('/') && this.publicUrl !== null
          ? `${this.publicUrl}${logo}`
          : null,
    };
  }
}
