import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Download } from '../providers/apiClient.js';
import { saveBlob } from './saveBlob.js';
import { useNotifyProblem } from './useNotifyProblem.js';

/** Fetches a file with the session (no token in a link) and hands it to the browser. */
export const DownloadButton = ({
  label,
  fetchFile,
  fallbackName,
}: {
  /** A translation key. */
  label: string;
  fetchFile: () => Promise<Download>;
  fallbackName: string;
}) => {
  const translate = useTranslate();
  const notifyProblem = useNotifyProblem();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await fetchFile();
      saveBlob(blob, fileName ?? fallbackName);
    } catch (error) {
      notifyProblem(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void run()}>
      {translate(label)}
    </Button>
  );
};
