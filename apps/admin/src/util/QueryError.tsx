import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { isApiProblem } from '../providers/ApiProblem.js';

/** A failed query, in the API's words (already in the admin's language) or react-admin's. */
export const QueryError = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  if (!error) return null;
  return (
    <Alert severity="error">
      {isApiProblem(error) ? error.message : translate('ra.notification.http_error')}
    </Alert>
  );
};
