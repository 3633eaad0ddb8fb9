import { extensionOf, normalizedType, typeContradictsExtension } from './declared-types.js';
import { decideUpload } from './upload-rules.js';

const guest = (fileName: string, sizeBytes = 10, contentType: string | null = null) => ({
  uploader: 'guest' as const,
  fileName,
  sizeBytes,
  contentType,
});

describe('client upload rules (setting 11)', () => {
  it('lets operators send anything, even with client sending off', () => {
    expect(
      decideUpload({ enabled: false }, { ...guest('setup.exe'), uploader: 'operator' }, 'en'),
    ).toEqual({ decision: 'allow' });
  });

  it('refuses every client file when sending is off, in the tenant language', () => {
    expect(decideUpload({ enabled: false }, guest('a.pdf'), 'cs')).toEqual({
      decision: 'refuse',
      reason: 'client_file_sending_disabled',
      message: 'Posílání souborů zde není dostupné.',
    });
  });

  it('checks the extension against the allowed list, case-insensitively', () => {
    const setting = { enabled: true, allowedExtensions: ['pdf', 'png'] };
    expect(decideUpload(setting, guest('Scan.PNG'), 'en')).toEqual({ decision: 'allow' });
    expect(decideUpload(setting, guest('run.exe'), 'en')).toMatchObject({
      reason: 'file_type_not_allowed',
      message: 'This type of file cannot be sent. Allowed: pdf, png.',
    });
    expect(decideUpload(setting, guest('README'), 'en')).toMatchObject({
      reason: 'file_type_not_allowed',
    });
  });

  it('refuses a file whose declared type contradicts its extension', () => {
    const setting = { enabled: true, allowedExtensions: ['pdf'] };
    expect(
      decideUpload(setting, guest('invoice.pdf', 10, 'application/x-msdownload'), 'en'),
    ).toMatchObject({
      decision: 'refuse',
      reason: 'file_type_not_allowed',
      message: 'The file does not look like a .pdf file.',
    });
    expect(decideUpload(setting, guest('invoice.pdf', 10, 'Application/PDF; x=1'), 'en')).toEqual({
      decision: 'allow',
    });
    // Browsers declare octet-stream for what they do not know: that contradicts nothing.
    expect(
      decideUpload(setting, guest('invoice.pdf', 10, 'application/octet-stream'), 'en'),
    ).toEqual({ decision: 'allow' });
    // Without an allowed list a disguised file is still refused.
    expect(
      decideUpload({ enabled: true }, guest('photo.jpg', 10, 'application/x-msdownload'), 'en'),
    ).toMatchObject({ reason: 'file_type_not_allowed' });
  });

  it('refuses files over the size limit, and accepts one exactly at it', () => {
    const setting = { enabled: true, maxSizeMb: 1 };
    expect(decideUpload(setting, guest('a.pdf', 1024 * 1024), 'en')).toEqual({
      decision: 'allow',
    });
    expect(decideUpload(setting, guest('a.pdf', 1024 * 1024 + 1), 'en')).toMatchObject({
      reason: 'file_too_large',
      message: 'The file is too large. The limit is 1 MB.',
    });
  });
});

describe('declared types', () => {
  it('reads extensions from the last path segment only', () => {
    expect(extensionOf('C:\\docs.v2\\report')).toBe('');
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
  });

  it('normalises types and ignores unknown extensions', () => {
    expect(normalizedType(' Image/PNG ; q=1')).toBe('image/png');
    expect(normalizedType('')).toBeNull();
    expect(typeContradictsExtension('xyz', 'application/pdf')).toBe(false);
    expect(typeContradictsExtension('png', null)).toBe(false);
    expect(typeContradictsExtension('png', 'image/jpeg')).toBe(true);
  });
});
