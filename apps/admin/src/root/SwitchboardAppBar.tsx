import { Box, MenuItem, TextField, Typography } from '@mui/material';
import {
  AppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  useTranslate,
} from 'react-admin';
import { useBrandState } from './BrandContext.js';

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
      sx={{ minWidth: 160, mx: 1, '& *': { color: 'inherit' } }}
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
