import HelpOutlineIcon from '@mui/icons-material/HelpOutlined';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import {
  AppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  ToggleThemeButton,
  useTranslate,
} from 'react-admin';
import { useBrand } from './BrandContext.js';

/** The partner's support site or address, when its theme names one. */
const HelpButton = () => {
  const translate = useTranslate();
  const { supportUrl } = useBrand();
  if (supportUrl === undefined) return null;
  const label = translate('switchboard.brand.help');
  return (
    <Tooltip title={label}>
      <IconButton
        color="inherit"
        component="a"
        href={supportUrl}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={label}
        data-testid="support-link"
      >
        <HelpOutlineIcon />
      </IconButton>
    </Tooltip>
  );
};

export const SwitchboardAppBar = () => {
  const brand = useBrand();
  return (
    <AppBar
      toolbar={
        <>
          <LocalesMenuButton />
          <ToggleThemeButton />
          <HelpButton />
          <LoadingIndicator />
        </>
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flex: 1, minWidth: 0 }}>
        <img src={brand.logo} alt="" height={28} width={28} data-testid="brand-logo" />
        <Typography
          variant="h6"
          component="span"
          data-testid="product-name"
          sx={{ whiteSpace: 'nowrap' }}
        >
          {brand.productName}
        </Typography>
        {/* The page title shares the bar; on a narrow screen the product name is enough. */}
        <Box sx={{ display: { xs: 'none', sm: 'contents' } }}>
          <Typography component="span" aria-hidden="true" sx={{ mx: 1 }}>
            ·
          </Typography>
          <TitlePortal variant="body1" />
        </Box>
      </Box>
    </AppBar>
  );
};
