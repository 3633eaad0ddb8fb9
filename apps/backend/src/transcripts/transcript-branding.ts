import { Injectable } from '@nestjs/common';

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

/**
 * Where a tenant's branding comes from. The default knows no partners and answers Switchboard's
 * brand; the partner module overrides this provider with one that reads the tenant's partner theme.
 */
@Injectable()
export class TranscriptBrandingSource {
  brandingFor(_tenantId: string): Promise<Partial<TranscriptBranding> | null> {
    return Promise.resolve(null);
  }
}
