import { globMatches, resultLineNames, routeLine, routingNeeds } from './log-routing.rule';
import type { LogLineFacts, LogRoute } from './log-routing.rule';

const facts = (over: Partial<LogLineFacts> = {}): LogLineFacts => ({
  type: 'result', queryName: 'usb_devices', packName: 'Global', teamId: 3, teamName: 'Servers', platform: 'ubuntu', labels: ['All Hosts', 'Ubuntu Linux'], ...over,
});
const route = (name: string, over: Partial<LogRoute> = {}): LogRoute => ({ name, log_types: ['result', 'status'], include: [], exclude: [], ...over });

describe('globMatches', () => {
  it.each([
    ['detect_*', 'detect_ssh_keys', true],
    ['detect_*', 'Detect_SSH', true],
    ['detect_*', 'xdetect_ssh', false],
    ['*', '', true],
    ['usb?devices', 'usb_devices', true],
    ['usb?devices', 'usb__devices', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s against %s is %s', (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });
});

describe('routeLine', () => {
  const siem = route('siem', { include: [{ query: ['detect_*'] }, { label: ['Crown jewels'] }] });
  const lake = route('lake', { exclude: [{ team: ['Sandbox'] }] });
  const status = route('status-only', { log_types: ['status'] });
  const macs = route('macs', { include: [{ platform: ['darwin'], pack: ['Global'] }] });
  const routes = [siem, lake, status, macs];

  it('sends a line to every destination whose rules accept it, in the order given', () => {
    expect(routeLine(routes, facts({ queryName: 'detect_ssh' }))).toEqual(['siem', 'lake']);
    expect(routeLine(routes, facts())).toEqual(['lake']);
    expect(routeLine(routes, facts({ labels: ['crown jewels'] }))).toEqual(['siem', 'lake']);
  });

  it('keeps a destination to its log types', () => {
    expect(routeLine(routes, facts({ type: 'status', queryName: null, packName: null }))).toEqual(['lake', 'status-only']);
    expect(routeLine(routes, facts({ type: 'live_query' }))).toEqual([]);
  });

  it('ANDs the fields of one matcher and ORs the matchers', () => {
    expect(routeLine([macs], facts({ platform: 'darwin' }))).toEqual(['macs']);
    expect(routeLine([macs], facts({ platform: 'darwin', packName: 'team-3' }))).toEqual([]);
    expect(routeLine([macs], facts({ platform: 'windows' }))).toEqual([]);
  });

  it('lets an exclude win over an include', () => {
    const r = route('r', { include: [{ query: ['*'] }], exclude: [{ query: ['noisy_*'] }, { team: [0] }] });
    expect(routeLine([r], facts({ queryName: 'noisy_proc' }))).toEqual([]);
    expect(routeLine([r], facts({ teamId: null, teamName: null }))).toEqual([]);
    expect(routeLine([r], facts())).toEqual(['r']);
    expect(routeLine([lake], facts({ teamName: 'Sandbox' }))).toEqual([]);
  });

  it('matches teams by id or exact name, and a field the line lacks never matches', () => {
    expect(routeLine([route('t', { include: [{ team: [3] }] })], facts())).toEqual(['t']);
    expect(routeLine([route('t', { include: [{ team: ['servers'] }] })], facts())).toEqual([]);
    expect(routeLine([route('q', { include: [{ query: ['*'] }] })], facts({ queryName: null }))).toEqual([]);
    expect(routeLine([route('l', { include: [{ log_type: ['status'] }] })], facts())).toEqual([]);
  });
});

describe('routingNeeds', () => {
  it('asks for team names and labels only when a rule uses them', () => {
    expect(routingNeeds([route('a', { include: [{ team: [1] }] })])).toEqual({ teamNames: false, labels: false });
    expect(routingNeeds([route('a', { exclude: [{ team: ['x'] }] }), route('b', { include: [{ label: ['L'] }] })])).toEqual({ teamNames: true, labels: true });
  });
});

describe('resultLineNames', () => {
  it('splits pack and query for every naming scheme', () => {
    expect(resultLineNames('pack/Global/usb')).toEqual({ queryName: 'usb', packName: 'Global' });
    expect(resultLineNames('pack/team-4/usb')).toEqual({ queryName: 'usb', packName: 'team-4' });
    expect(resultLineNames('pack_it_procs')).toEqual({ queryName: 'procs', packName: 'it' });
    expect(resultLineNames('local_schedule')).toEqual({ queryName: 'local_schedule', packName: null });
    expect(resultLineNames(null)).toEqual({ queryName: null, packName: null });
  });
});
