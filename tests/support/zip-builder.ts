import { crc32, deflateRawSync } from "node:zlib";

/**
 * One entry of a hand-built zip. By default it is honest (deflated, true sizes and CRC-32); the
 * overrides write what a corrupt or hostile archive declares instead.
 */
export interface ZipEntrySpec {
  name: string;
  data: Uint8Array | string;
  /** 0 stored, 8 deflated (default), anything else as declared. */
  method?: number;
  flags?: number;
  /** Declared CRC-32 and sizes, in both headers (unless the local header overrides them). */
  crc?: number;
  size?: number;
  compressedSize?: number;
  /** What the local header declares instead of the central directory's values. */
  local?: { name?: string; crc?: number; size?: number; compressedSize?: number; method?: number };
  /** Sets flag bit 3: zeros in the local header and a data descriptor (with these values) after the data. */
  dataDescriptor?: { crc?: number; size?: number; compressedSize?: number };
  /** Declares zip64 sizes (0xFFFFFFFF) with a zip64 extra field. */
  zip64?: boolean;
}

const u16 = (n: number) => Buffer.from([n & 0xff, (n >>> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** The bytes of a zip archive holding `entries`, in order. */
export function buildZip(entries: ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data) : Buffer.from(e.data);
    const method = e.method ?? 8;
    const packed = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const crc = e.crc ?? crc32(raw);
    const size = e.size ?? raw.length;
    const compressedSize = e.compressedSize ?? packed.length;
    const flags = (e.flags ?? 0x800) | (e.dataDescriptor ? 8 : 0);
    const zip64Extra = e.zip64 ? Buffer.concat([u16(1), u16(16), Buffer.alloc(8), Buffer.alloc(8)]) : Buffer.alloc(0);
    if (e.zip64) {
      zip64Extra.writeBigUInt64LE(BigInt(size), 4);
      zip64Extra.writeBigUInt64LE(BigInt(compressedSize), 12);
    }
    const declared = (v: number) => (e.zip64 ? 0xffffffff : v);
    const l = e.local ?? {};
    const localName = Buffer.from(l.name ?? e.name);
    const local = Buffer.concat([
      u32(0x04034b50), u16(e.zip64 ? 45 : 20), u16(flags), u16(l.method ?? method), u16(0), u16(0x21),
      u32(e.dataDescriptor ? 0 : (l.crc ?? crc)), u32(e.dataDescriptor ? 0 : declared(l.compressedSize ?? compressedSize)), u32(e.dataDescriptor ? 0 : declared(l.size ?? size)),
      u16(localName.length), u16(zip64Extra.length), localName, zip64Extra, packed,
    ]);
    const descriptor = e.dataDescriptor
      ? Buffer.concat([u32(0x08074b50), u32(e.dataDescriptor.crc ?? crc), u32(e.dataDescriptor.compressedSize ?? compressedSize), u32(e.dataDescriptor.size ?? size)])
      : Buffer.alloc(0);
    locals.push(local, descriptor);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50), u16(e.zip64 ? 45 : 20), u16(e.zip64 ? 45 : 20), u16(flags), u16(method), u16(0), u16(0x21),
        u32(crc), u32(declared(compressedSize)), u32(declared(size)), u16(name.length), u16(zip64Extra.length), u16(0), u16(0), u16(0), u32(0), u32(offset), name, zip64Extra,
      ]),
    );
    offset += local.length + descriptor.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(directory.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
