// The zip and tar readers against archives built byte by byte here, so the
// tests need neither the network nor archive tools.
import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { extractZipMember, listZipEntries, ZipError } from './zip.mjs';
import { readTarEntries, readTgzEntries, TarError } from './tar.mjs';

function zipOf(members: Array<{ name: string; data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const body = m.deflate ? zlib.deflateRawSync(m.data) : m.data;
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(m.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(m.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(m.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(m.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function tarHeader(name: string, size: number, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

function tarOf(members: Array<{ name: string; data: Buffer; type?: string }>): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    parts.push(tarHeader(m.name, m.data.length, m.type), m.data, Buffer.alloc((512 - (m.data.length % 512)) % 512));
  }
  return Buffer.concat([...parts, Buffer.alloc(1024)]);
}

describe('zip reader', () => {
  const big = Buffer.alloc(200_000, 'kubectl ');
  const zip = zipOf([
    { name: 'kubectl/', data: Buffer.alloc(0), deflate: false },
    { name: 'kubectl/kubectl', data: big, deflate: true },
    { name: 'helm/helm', data: Buffer.from('#!helm'), deflate: false },
  ]);

  test('lists members from the central directory and extracts stored and deflated ones', () => {
    expect(listZipEntries(zip).map((e) => [e.name, e.isDirectory])).toEqual([
      ['kubectl/', true], ['kubectl/kubectl', false], ['helm/helm', false],
    ]);
    expect(extractZipMember(zip, 'kubectl/kubectl').equals(big)).toBe(true);
    expect(extractZipMember(zip, 'helm/helm').toString()).toBe('#!helm');
  });

  test('reports missing members and non-zip input', () => {
    expect(() => extractZipMember(zip, 'nope')).toThrow(ZipError);
    expect(() => listZipEntries(Buffer.from('not a zip at all, just some text'))).toThrow(/end of central directory/);
  });
});

describe('tar reader', () => {
  const longName = `package/${'deep/'.repeat(30)}model.js`;
  const tar = tarOf([
    { name: 'package/', data: Buffer.alloc(0), type: '5' },
    { name: 'package/a.js', data: Buffer.from('export {}') },
    { name: 'PaxHeader', data: Buffer.from(`${longName.length + 10} path=${longName}\n`), type: 'x' },
    { name: 'ignored-short-name', data: Buffer.from('long') },
  ]);

  test('yields files with pax long names', () => {
    const entries = [...readTarEntries(tar)].map((e) => [e.name, e.type, e.data.toString()]);
    expect(entries).toEqual([
      ['package/', 'directory', ''],
      ['package/a.js', 'file', 'export {}'],
      [longName, 'file', 'long'],
    ]);
    expect([...readTgzEntries(zlib.gzipSync(tar))]).toHaveLength(3);
  });

  test('rejects corrupt headers and truncated members', () => {
    const corrupt = Buffer.from(tar);
    corrupt[0] ^= 0xff;
    expect(() => [...readTarEntries(corrupt)]).toThrow(TarError);
    expect(() => [...readTarEntries(tar.subarray(0, 512 + 512 + 100))]).not.toThrow();
    expect(() => [...readTarEntries(tar.subarray(0, 512 + 512 + 512 + 3))]).toThrow(/truncated/);
  });
});
