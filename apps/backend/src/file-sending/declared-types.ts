/**
 * The MIME types a browser or the host may declare for a file with a given extension. A client can
 * rename `setup.exe` to `invoice.pdf`, but the type its browser declares still says what it is:
 * an extension we know with a declared type that belongs to another kind of file is refused.
 */
const TYPES_BY_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  pdf: ['application/pdf', 'application/x-pdf'],
  txt: ['text/plain'],
  csv: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'],
  rtf: ['application/rtf', 'text/rtf'],
  json: ['application/json', 'text/json', 'text/plain'],
  xml: ['application/xml', 'text/xml'],
  html: ['text/html'],
  htm: ['text/html'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ppt: ['application/vnd.ms-powerpoint'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  odp: ['application/vnd.oasis.opendocument.presentation'],
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  bmp: ['image/bmp', 'image/x-ms-bmp'],
  svg: ['image/svg+xml'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  heic: ['image/heic', 'image/heif'],
  heif: ['image/heif', 'image/heic'],
  mp3: ['audio/mpeg', 'audio/mp3'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave'],
  ogg: ['audio/ogg', 'video/ogg', 'application/ogg'],
  m4a: ['audio/mp4', 'audio/x-m4a'],
  mp4: ['video/mp4'],
  mov: ['video/quicktime'],
  webm: ['video/webm', 'audio/webm'],
  zip: ['application/zip', 'application/x-zip-compressed'],
  rar: ['application/vnd.rar', 'application/x-rar-compressed'],
  '7z': ['application/x-7z-compressed'],
  gz: ['application/gzip', 'application/x-gzip'],
  eml: ['message/rfc822'],
  msg: ['application/vnd.ms-outlook'],
  exe: [
    'application/x-msdownload',
    'application/vnd.microsoft.portable-executable',
    'application/x-dosexec',
  ],
  msi: ['application/x-msi', 'application/x-ms-installer'],
  js: ['text/javascript', 'application/javascript'],
};

/** Types that say nothing about the content: browsers send them for anything they do not know. */
const UNSPECIFIC_TYPES = new Set([
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
]);

/** `Image/PNG; charset=x` → `image/png`; empty → null. */
export function normalizedType(contentType: string | null | undefined): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

/** The lower-case extension of a file name without the dot; '' when it has none. */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * Whether the declared type contradicts the extension. Unknown extensions and unspecific or
 * missing types cannot contradict anything.
 */
export function typeContradictsExtension(
  extension: string,
  contentType: string | null | undefined,
): boolean {
  const type = normalizedType(contentType);
  const expected = TYPES_BY_EXTENSION[extension];
  if (type === null || UNSPECIFIC_TYPES.has(type) || expected === undefined) return false;
  return !expected.includes(type);
}
