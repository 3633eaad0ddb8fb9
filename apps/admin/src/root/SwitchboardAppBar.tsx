import { Box, MenuItem, TextField, Typography } from '@mui/material';
import {
  AppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  useTranslate,
} from 'react-admin';
import { useBrandState } from './BrandContext.js';

/** Wide enough for "Default"/"Výchozí" and a partner id; the app bar keeps the rest. */
export const BRAND_SWITCHER_WIDTH = 168;

/** Lets the demo (and a partner previewing its theme) switch brand at run time. */
const BrandSwitcher = () => {
  const translate = useTranslate();
  const { brandId, brandIds, setBrandId } = useBrandState();
  if (brandIds.length === 0) return null;
  return (
    <TextField
      select
      size="small"
      variant="standard"
      id="brand-switcher"
      label={translate('switchboard.brand.switch')}
      value={brandId ?? ''}
      onChange={(event) => setBrandId(event.target.value === '' ? undefined : event.target.value)}
      // The theme makes text fields full width; in the app bar that pushed the label over the logo.
      fullWidth={false}
      margin="none"
      // The label stays above and "Default" shows, instead of the label standing in for it.
      slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
      sx={{
        width: BRAND_SWITCHER_WIDTH,
        flexShrink: 0,
        mx: 2,
        '& *': { color: 'inherit' },
        '& .MuiInput-underline::before': { borderBottomColor: 'currentColor' },
      }}
    >
      <MenuItem value="">{translate('switchboard.brand.default')}</MenuItem>
      {brandIds.map((id) => (
        <MenuItem key={id} value={id}>
          {id}
        </MenuItem>
      ))}
    </TextField>
  );
};

export const SwitchboardAppBar = () => {
  const { brand } = useBrandState();
  return (
    <AppBar
      toolbar={
        <>
          <BrandSwitcher />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flex: 1, minWidth: 0 }}>
        {brand.logoUrl && (
          <img
            src={brand.logoUrl}
            alt={brand.productName}
            height={28}
            width={28}
            data-testid="brand-logo"
          />
        )}
        <Typography
          variant="h6"
          component="span"
          data-testid="product-name"
          sx={{ whiteSpace: 'nowrap' }}
        >
          {brand.productName}
        </Typography>
        <Typography component="span" aria-hidden="true" sx={{ mx: 1 }}>
          ·
        </Typography>
        <TitlePortal variant="body1" />
      </Box>
    </AppBar>
  );
};
