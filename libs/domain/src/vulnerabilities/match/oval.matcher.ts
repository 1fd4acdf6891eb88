import type { OvalDefinition, OvalPackageCheck } from '../feeds/oval.feed';
import { compareDebVersions } from '../version/deb-version';
import { compareRpmEvr, parseRpmEvr } from '../version/rpm-version';

/** A distribution package as the inventory reports it (deb: version with epoch; rpm: version and release). */
export interface OvalPackage {
  readonly name: string;
  readonly version: string;
  readonly release?: string;
  readonly arch?: string;
}

export interface OvalMatch {
  readonly cve: string;
  /** The fixed EVR the definition states, or null when no fix exists. */
  readonly resolvedInVersion: string | null;
  readonly definitionId: string;
}

interface IndexedCheck {
  readonly definition: OvalDefinition;
  readonly check: OvalPackageCheck;
}

/** The installed version is affected by one check: older than the fix (or no fix), on a matching arch. */
export function checkAffects(check: OvalPackageCheck, p: OvalPackage): boolean {
  if (check.archPattern && p.arch && !new RegExp(check.archPattern).test(p.arch)) return false;
  if (check.fixedEvr === null) return true;
  let c: number;
  if (check.kind === 'dpkg') {
    c = compareDebVersions(p.version, check.fixedEvr);
  } else {
    // The inventory has no rpm epoch: compare version and release only (an epoch rarely changes across updates).
    const installed = { epoch: null, version: p.version, release: p.release ?? '' };
    c = compareRpmEvr(installed, parseRpmEvr(check.fixedEvr), 'ignore');
  }
  return check.inclusive ? c <= 0 : c < 0;
}

function compareFixed(check: OvalPackageCheck, a: string, b: string): number {
  return check.kind === 'dpkg' ? compareDebVersions(a, b) : compareRpmEvr(a, b);
}

/**
 * The OVAL definitions of one distribution release, indexed by package name: a package is checked only
 * against the definitions that name it, and is affected by a definition's CVEs when one of its checks
 * holds for it.
 */
export class OvalIndex {
  private readonly byPackage = new Map<string, IndexedCheck[]>();

  constructor(readonly definitions: readonly OvalDefinition[]) {
    for (const definition of definitions) {
      for (const check of definition.checks) {
        for (const name of new Set(check.packageNames)) {
          const list = this.byPackage.get(name);
          if (list) list.push({ definition, check });
          else this.byPackage.set(name, [{ definition, check }]);
        }
      }
    }
  }

  /** Package names some definition checks. */
  packageNames(): IterableIterator<string> {
    return this.byPackage.keys();
  }

  match(p: OvalPackage): OvalMatch[] {
    const out = new Map<string, OvalMatch>();
    for (const { definition, check } of this.byPackage.get(p.name) ?? []) {
      if (!checkAffects(check, p)) continue;
      for (const cve of definition.cves) {
        const prev = out.get(cve);
        // Several definitions may fix one CVE (a regression fix): the latest fix is the one that resolves it.
        if (!prev || (check.fixedEvr !== null && (prev.resolvedInVersion === null || compareFixed(check, check.fixedEvr, prev.resolvedInVersion) > 0))) {
          out.set(cve, { cve, resolvedInVersion: check.fixedEvr, definitionId: definition.id });
        }
      }
    }
    return [...out.values()].sort((a, b) => (a.cve < b.cve ? -1 : a.cve > b.cve ? 1 : 0));
  }
}
