import { BUILTIN_LABELS, builtinLabelByName, builtinLabelMatches } from './builtin-labels.catalogue';

const label = (name: string) => {
  const found = builtinLabelByName(name);
  if (!found) throw new Error(`missing builtin label ${name}`);
  return found;
};

describe('builtin labels', () => {
  it('ships Fleet’s builtin labels with unique names', () => {
    const names = BUILTIN_LABELS.map((l) => l.name);
    expect(names).toEqual(['All Hosts', 'macOS', 'Ubuntu Linux', 'CentOS Linux', 'MS Windows', 'Red Hat Linux', 'All Linux', 'chrome']);
    for (const l of BUILTIN_LABELS) expect(l.label_type).toBe('builtin');
  });

  it('matches hosts like the label SQL would', () => {
    const ubuntu = { platform: 'ubuntu', osName: 'Ubuntu' };
    const rhel = { platform: 'rhel', osName: 'Red Hat Enterprise Linux' };
    const mac = { platform: 'darwin', osName: 'macOS' };
    expect(builtinLabelMatches(label('All Hosts'), mac)).toBe(true);
    expect(builtinLabelMatches(label('macOS'), mac)).toBe(true);
    expect(builtinLabelMatches(label('macOS'), ubuntu)).toBe(false);
    expect(builtinLabelMatches(label('Ubuntu Linux'), ubuntu)).toBe(true);
    expect(builtinLabelMatches(label('All Linux'), ubuntu)).toBe(true);
    expect(builtinLabelMatches(label('All Linux'), mac)).toBe(false);
    expect(builtinLabelMatches(label('Red Hat Linux'), rhel)).toBe(true);
    expect(builtinLabelMatches(label('CentOS Linux'), { platform: '', osName: 'CentOS Linux' })).toBe(true);
    expect(builtinLabelMatches(label('MS Windows'), { platform: 'windows' })).toBe(true);
  });
});
