/**
 * Active Directory's `objectGUID` is 16 bytes in Microsoft's mixed-endian GUID layout: the
 * first three fields little-endian, the last two as they are. AD tools, PowerShell and the
 * `<GUID=…>` DN syntax all show it as the usual 8-4-4-4-12 string, so that string is the
 * remote id idsync stores.
 */

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Byte order of the text form: bytes 3,2,1,0 - 5,4 - 7,6 - 8,9 - 10..15 of the binary value. */
const TEXT_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15] as const;

export function isGuidText(text: string): boolean {
  return GUID_TEXT.test(text);
}

export function guidBytesToText(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`An objectGUID has 16 bytes, not ${bytes.length}.`);
  const hex = TEXT_ORDER.map((index) => (bytes[index] as number).toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function guidTextToBytes(text: string): Buffer {
  if (!isGuidText(text))
    throw new RangeError(`"${text}" is not a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.`);
  const hex = text.replace(/-/g, '');
  const bytes = Buffer.alloc(16);
  TEXT_ORDER.forEach((index, position) => {
    bytes[index] = Number.parseInt(hex.slice(position * 2, position * 2 + 2), 16);
  });
  return bytes;
}
