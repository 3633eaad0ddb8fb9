import { Card, CardContent, CardHeader } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useBrand } from '../root/BrandContext.js';

export const Dashboard = () => {
  const translate = useTranslate();
  const { productName } = useBrand();
  return (
    <Card>
      <CardHeader title={translate('switchboard.dashboard.title', { productName })} />
      <CardContent>{translate('switchboard.dashboard.intro')}</CardContent>
    </Card>
  );
};
