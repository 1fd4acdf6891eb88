import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bunzip2, Bzip2Error } from './bunzip2';

const DATA = path.resolve(__dirname, '../../../test-data');

describe('bunzip2', () => {
  it('decodes the OVAL feeds as Canonical and Red Hat publish them (.bz2) byte for byte', () => {
    for (const name of ['rhel-9.oval.xml', 'com.ubuntu.jammy.usn.oval.xml']) {
      const packed = readFileSync(path.join(DATA, 'vuln-feeds-compressed', `${name}.bz2`));
      expect(Buffer.from(bunzip2(packed)).equals(readFileSync(path.join(DATA, 'vuln-feeds/oval', name)))).toBe(true);
    }
  });

  it('refuses what is not bzip2 and a corrupted block', () => {
    expect(() => bunzip2(Buffer.from('not bzip2'))).toThrow(Bzip2Error);
    const packed = Buffer.from(readFileSync(path.join(DATA, 'vuln-feeds-compressed', 'rhel-9.oval.xml.bz2')));
    packed[packed.length >> 1] ^= 0xff;
    expect(() => bunzip2(packed)).toThrow(Bzip2Error);
  });
});
