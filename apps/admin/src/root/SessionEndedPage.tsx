import { Box, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useBrand } from './BrandContext.js';

/**
 * The panel has no login form: the host signs users in and opens the panel with a token. When the
 * panel session is gone (expired, logged out, refused), this page says to reopen it from the host.
 */
export const SessionEndedPage = () => {
  const translate = useTranslate();
  const brand = useBrand();
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Card sx={{ maxWidth: 480 }}>
        <CardContent>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2 }}>
            <img src={brand.logo} alt="" height={40} width={40} />
            <Typography variant="h6" component="p">
              {brand.productName}
            </Typography>
          </Box>
          <Typography variant="h5" component="h1" gutterBottom>
            {translate('switchboard.auth.sessionEnded')}
          </Typography>
          <Typography>
            {translate('switchboard.auth.reopen', { productName: brand.productName })}
          </Typography>
          {brand.supportUrl !== undefined && (
            <Typography sx={{ mt: 2 }}>
              <a href={brand.supportUrl} target="_blank" rel="noopener noreferrer">
                {translate('switchboard.brand.help')}
              </a>
            </Typography>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
