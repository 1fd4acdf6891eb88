import { cpeComponentMatches, cpeProductKey, formatCpe, parseCpe, quoteCpeComponent } from './cpe';

describe('CPE 2.3 formatted strings', () => {
  it('parses the eleven components, keeping quoted characters inside a component', () => {
    const c = parseCpe('cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.5.6:*:*:*:*:windows:*:*');
    expect(c).toMatchObject({ part: 'a', vendor: 'notepad-plus-plus', product: 'notepad\\+\\+', version: '8.5.6', targetSw: 'windows' });
    expect(cpeProductKey(c!)).toBe('notepad-plus-plus:notepad++');
    expect(parseCpe('cpe:2.3:a:x\\:y:z:1:*:*:*:*:*:*:*')?.vendor).toBe('x\\:y');
  });

  it('refuses what is not a 2.3 name', () => {
    expect(parseCpe('cpe:/a:redhat:enterprise_linux:9')).toBeNull();
    expect(parseCpe('cpe:2.3:a:too:few')).toBeNull();
  });

  it('formats, quoting what must be quoted and writing ANY for what is not given', () => {
    expect(formatCpe({ part: 'a', vendor: 'nodejs', product: quoteCpeComponent('node.js'), version: '20.5.0' })).toBe('cpe:2.3:a:nodejs:node.js:20.5.0:*:*:*:*:*:*:*');
    expect(quoteCpeComponent('notepad++')).toBe('notepad\\+\\+');
  });

  it('ANY admits everything, NA only an unknown value, a value its equal in any case', () => {
    expect(cpeComponentMatches('*', 'macos')).toBe(true);
    expect(cpeComponentMatches('windows', 'macos')).toBe(false);
    expect(cpeComponentMatches('Windows', 'windows')).toBe(true);
    expect(cpeComponentMatches('windows', '*')).toBe(true);
    expect(cpeComponentMatches('-', '*')).toBe(false);
  });
});
