import type { FileUploadRequest, FileUploadResponse } from '@switchboard/host-contract';
import type { SettingValues } from '@switchboard/settings-model';
import { translate } from '../common/i18n/translate.js';
import { extensionOf, typeContradictsExtension } from './declared-types.js';

const MEGABYTE = 1024 * 1024;

/**
 * Setting 11 for one upload. Operators' files are the host's business: only a client's upload is
 * checked, in the order a client can act on: sending off, then the kind of file, then its size.
 */
export function decideUpload(
  setting: SettingValues['chat.clientFileSending'],
  request: Pick<FileUploadRequest, 'uploader' | 'fileName' | 'contentType' | 'sizeBytes'>,
  locale: 'cs' | 'en',
): FileUploadResponse {
  if (request.uploader !== 'guest') return { decision: 'allow' };
  if (!setting.enabled) {
    return {
      decision: 'refuse',
      reason: 'client_file_sending_disabled',
      message: translate(locale, 'hooks.file_upload.disabled'),
    };
  }
  const extension = extensionOf(request.fileName);
  const allowed = setting.allowedExtensions;
  if (allowed !== undefined && !allowed.includes(extension)) {
    return {
      decision: 'refuse',
      reason: 'file_type_not_allowed',
      message: translate(locale, 'hooks.file_upload.type_not_allowed', {
        extensions: allowed.join(', '),
      }),
    };
  }
  if (typeContradictsExtension(extension, request.contentType)) {
    return {
      decision: 'refuse',
      reason: 'file_type_not_allowed',
      message: translate(locale, 'hooks.file_upload.type_mismatch', { extension }),
    };
  }
  if (setting.maxSizeMb !== undefined && request.sizeBytes > setting.maxSizeMb * MEGABYTE) {
    return {
      decision: 'refuse',
      reason: 'file_too_large',
      message: translate(locale, 'hooks.file_upload.too_large', { maxSizeMb: setting.maxSizeMb }),
    };
  }
  return { decision: 'allow' };
}
