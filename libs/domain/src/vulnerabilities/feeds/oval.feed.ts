import type { XmlElement } from '../xml/xml-reader';
import { childNamed, childText, childrenNamed, descendantsNamed, readXmlElements } from '../xml/xml-reader';
import { FeedFormatError } from './nvd-cve.feed';

/**
 * OVAL definitions of Ubuntu (USN and CVE files, `dpkginfo_test`) and Red Hat (`rpminfo_test`), reduced to
 * what a package inventory can answer: per definition, its CVEs and the package checks its criteria make —
 * "package P (on arch A) is earlier than EVR" or "package P is installed" (a vulnerability without a fix).
 *
 * Criteria that test the environment (the release file, "Red Hat Enterprise Linux 9 is installed",
 * signing keys, kernel or module streams) are taken as true: the definitions file is chosen by the host's
 * operating system already, and the inventory has no signing keys. Checks under a negation are not
 * version checks and are left out.
 */
export type OvalPackageKind = 'dpkg' | 'rpm';

export interface OvalPackageCheck {
  readonly kind: OvalPackageKind;
  readonly packageNames: readonly string[];
  /** Fixed EVR: vulnerable while the installed version is `less than` it; null = any installed version. */
  readonly fixedEvr: string | null;
  /** `less than or equal` states say the stated version is still vulnerable. */
  readonly inclusive: boolean;
  /** A regular expression the package's arch must match (Red Hat states), or null. */
  readonly archPattern: string | null;
}

export interface OvalDefinition {
  readonly id: string;
  readonly title: string;
  readonly cves: readonly string[];
  readonly checks: readonly OvalPackageCheck[];
}

interface RawTest { kind: string; checkExistence: string; objectRef: string; stateRefs: string[] }
interface RawObject { names: string[]; varRef: string | null }
interface RawState { evr: { op: string; value: string } | null; arch: string | null }
interface RawCriteria { negate: boolean; children: Array<RawCriteria | { testRef: string; negate: boolean }> }

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;

function criteriaOf(el: XmlElement): RawCriteria {
  const children: RawCriteria['children'] = [];
  for (const c of el.children) {
    if (c.name === 'criteria') children.push(criteriaOf(c));
    else if (c.name === 'criterion' && c.attrs['test_ref']) children.push({ testRef: c.attrs['test_ref'], negate: c.attrs['negate'] === 'true' });
  }
  return { negate: el.attrs['negate'] === 'true', children };
}

function cvesOf(def: XmlElement): string[] {
  const metadata = childNamed(def, 'metadata');
  if (!metadata) return [];
  const ids = new Set<string>();
  for (const r of childrenNamed(metadata, 'reference')) {
    const id = (r.attrs['ref_id'] ?? '').trim().toUpperCase();
    if (r.attrs['source']?.toUpperCase() === 'CVE' && CVE_RE.test(id)) ids.add(id);
  }
  for (const c of descendantsNamed(metadata, 'cve')) {
    const id = c.text.trim().toUpperCase();
    if (CVE_RE.test(id)) ids.add(id);
  }
  return [...ids].sort();
}

/** Parses one OVAL definitions document. */
export function parseOval(xml: string): OvalDefinition[] {
  const defs: Array<{ id: string; title: string; cves: string[]; criteria: RawCriteria | null }> = [];
  const tests = new Map<string, RawTest>();
  const objects = new Map<string, RawObject>();
  const states = new Map<string, RawState>();
  const variables = new Map<string, string[]>();
  let sawRoot = false;
  readXmlElements(xml, (p) => {
    if (p.length === 1) sawRoot = p[0] === 'oval_definitions';
    return p.length === 3 && p[0] === 'oval_definitions';
  }, (el, p) => {
    const section = p[1];
    const id = el.attrs['id'] ?? '';
    if (section === 'definitions' && el.name === 'definition') {
      if (el.attrs['class'] === 'inventory') return;
      const criteria = childNamed(el, 'criteria');
      const metadata = childNamed(el, 'metadata');
      defs.push({ id, title: metadata ? childText(metadata, 'title') : '', cves: cvesOf(el), criteria: criteria ? criteriaOf(criteria) : null });
    } else if (section === 'tests') {
      tests.set(id, {
        kind: el.name, checkExistence: el.attrs['check_existence'] ?? 'at_least_one_exists',
        objectRef: childNamed(el, 'object')?.attrs['object_ref'] ?? '',
        stateRefs: childrenNamed(el, 'state').map((s) => s.attrs['state_ref'] ?? '').filter(Boolean),
      });
    } else if (section === 'objects') {
      const name = childNamed(el, 'name');
      objects.set(id, { names: name && !name.attrs['var_ref'] && name.text.trim() ? [name.text.trim()] : [], varRef: name?.attrs['var_ref'] ?? null });
    } else if (section === 'states') {
      const evr = childNamed(el, 'evr');
      const arch = childNamed(el, 'arch');
      states.set(id, {
        evr: evr ? { op: (evr.attrs['operation'] ?? 'equals').toLowerCase(), value: evr.text.trim() } : null,
        arch: arch && (arch.attrs['operation'] ?? '').toLowerCase() === 'pattern match' ? arch.text.trim() : null,
      });
    } else if (section === 'variables') {
      variables.set(id, childrenNamed(el, 'value').map((v) => v.text.trim()).filter(Boolean));
    }
  });
  if (!sawRoot) throw new FeedFormatError('OVAL: the root element is not oval_definitions');

  const checkOf = (testRef: string): OvalPackageCheck | null => {
    const t = tests.get(testRef);
    if (!t) return null;
    const kind: OvalPackageKind | null = t.kind === 'dpkginfo_test' ? 'dpkg' : t.kind === 'rpminfo_test' ? 'rpm' : null;
    if (!kind || t.checkExistence === 'none_exist') return null;
    const o = objects.get(t.objectRef);
    const names = o ? (o.varRef ? variables.get(o.varRef) ?? [] : o.names) : [];
    if (names.length === 0) return null;
    const stateList = t.stateRefs.map((r) => states.get(r)).filter((s): s is RawState => s !== undefined);
    if (stateList.length === 0) return { kind, packageNames: names, fixedEvr: null, inclusive: false, archPattern: null };
    const withEvr = stateList.find((s) => s.evr !== null);
    // A state without an EVR (a signing key, a version pattern of the release package) is not a version check.
    if (!withEvr?.evr || (withEvr.evr.op !== 'less than' && withEvr.evr.op !== 'less than or equal')) return null;
    return { kind, packageNames: names, fixedEvr: withEvr.evr.value, inclusive: withEvr.evr.op === 'less than or equal', archPattern: withEvr.arch };
  };
  const collect = (c: RawCriteria, negated: boolean, out: OvalPackageCheck[]): void => {
    const neg = negated !== c.negate;
    for (const child of c.children) {
      if ('testRef' in child) {
        if (neg !== child.negate) continue;
        const check = checkOf(child.testRef);
        if (check) out.push(check);
      } else collect(child, neg, out);
    }
  };
  return defs.map((d) => {
    const checks: OvalPackageCheck[] = [];
    if (d.criteria) collect(d.criteria, false, checks);
    return { id: d.id, title: d.title, cves: d.cves, checks };
  }).filter((d) => d.cves.length > 0 && d.checks.length > 0);
}
