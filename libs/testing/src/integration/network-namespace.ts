import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

/** One veth pair between the root namespace (`host*`) and the test's namespace (`ns*`), a /30 of its own. */
export interface VethLink {
  readonly label: string;
  /** Interface name on the root side, and its address: what a process in the namespace connects to. */
  readonly hostIf: string;
  readonly hostAddress: string;
  /** Interface name inside the namespace, and its address: what root-namespace processes connect to. */
  readonly nsIf: string;
  readonly nsAddress: string;
}

/** How a link is degraded. `lossPercent` 100 is a partition: packets vanish, nothing is refused. */
export interface LinkImpairment {
  readonly lossPercent?: number;
  readonly delayMs?: number;
}

/** What the kernel of this machine can do, found by trying (a kernel without sch_netem refuses the qdisc). */
export interface NetemSupport {
  readonly netem: boolean;
  readonly nft: boolean;
}

const run = (cmd: string, args: readonly string[]): string => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 }).toString();

function tryRun(cmd: string, args: readonly string[]): boolean {
  try {
    run(cmd, args);
    return true;
  } catch {
    return false;
  }
}

/**
 * A network namespace built by a test with `ip netns` and veth pairs, so a server can be put on the far side of
 * links that the test degrades or cuts (Redis and MySQL each on a link of their own) while the rest of the
 * machine, and every other test, keeps its network. Needs root and iproute2. Loss and partitions use
 * `tc netem` when the kernel has it and otherwise nftables rules inside the namespace (a kernel built without
 * sch_netem still filters); a delay needs netem (`delayByNetem`) or a relay in user space (TcpProxy.delayMs).
 * `destroy()` deletes the namespace, which deletes its veth pairs and rules with it.
 */
export class NetworkNamespace {
  readonly links: VethLink[] = [];
  private readonly impaired = new Map<string, LinkImpairment>();
  private readonly subnet: number;
  private static support: NetemSupport | undefined;

  private constructor(readonly name: string) {
    // 10.(128-191).x.y/30 per link: unlikely to meet another namespace made by a concurrent test.
    this.subnet = randomInt(128, 192);
  }

  /** Why this machine cannot build namespaces, or undefined when it can. */
  static unavailable(): string | undefined {
    if (process.getuid?.() !== 0) return 'network namespaces need root';
    if (!tryRun('ip', ['-V'])) return 'iproute2 (`ip`) is not installed';
    return undefined;
  }

  /** Whether netem and nftables work here; probed once on a throwaway namespace. */
  static probe(): NetemSupport {
    if (NetworkNamespace.support) return NetworkNamespace.support;
    const ns = `fleet-probe-${randomBytes(3).toString('hex')}`;
    run('ip', ['netns', 'add', ns]);
    try {
      const netem = tryRun('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
      const nft = tryRun('ip', ['netns', 'exec', ns, 'nft', 'add', 'table', 'inet', 'probe']);
      NetworkNamespace.support = { netem, nft };
      return NetworkNamespace.support;
    } finally {
      tryRun('ip', ['netns', 'del', ns]);
    }
  }

  static create(prefix = 'fleet'): NetworkNamespace {
    const reason = NetworkNamespace.unavailable();
    if (reason) throw new Error(`cannot build a network namespace: ${reason}`);
    const ns = new NetworkNamespace(`${prefix}-${randomBytes(3).toString('hex')}`);
    run('ip', ['netns', 'add', ns.name]);
    ns.ip('link', 'set', 'lo', 'up');
    return ns;
  }

  /** Adds a veth pair with a fresh /30: the root end gets .1, the namespace end .2. */
  addLink(label: string): VethLink {
    const k = this.links.length;
    const base = `10.${this.subnet}.${randomInt(0, 256)}.${(k % 64) * 4}`;
    const [a, b, c] = base.split('.');
    const d = Number(base.split('.')[3]);
    const tag = randomBytes(3).toString('hex');
    const link: VethLink = { label, hostIf: `vh${tag}${k}`, nsIf: `vn${tag}${k}`, hostAddress: `${a}.${b}.${c}.${d + 1}`, nsAddress: `${a}.${b}.${c}.${d + 2}` };
    run('ip', ['link', 'add', link.hostIf, 'type', 'veth', 'peer', 'name', link.nsIf]);
    run('ip', ['link', 'set', link.nsIf, 'netns', this.name]);
    run('ip', ['addr', 'add', `${link.hostAddress}/30`, 'dev', link.hostIf]);
    run('ip', ['link', 'set', link.hostIf, 'up']);
    this.ip('addr', 'add', `${link.nsAddress}/30`, 'dev', link.nsIf);
    this.ip('link', 'set', link.nsIf, 'up');
    this.links.push(link);
    return link;
  }

  /** Starts a process inside the namespace (`ip netns exec`); `ip` execs it, so the child's pid is the program's. */
  spawn(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.name, command, ...args], options);
  }

  /**
   * Degrades a link in both directions. Loss: netem on both ends when the kernel has it, else an nftables drop
   * rule with a random draw per packet inside the namespace (in and out). Delay: netem only; without it this
   * throws, and the caller delays in user space instead.
   */
  impair(link: VethLink, impairment: LinkImpairment): string {
    this.heal(link);
    const { netem, nft } = NetworkNamespace.probe();
    const loss = impairment.lossPercent ?? 0;
    const delay = impairment.delayMs ?? 0;
    if (netem) {
      const spec = [...(delay > 0 ? ['delay', `${delay}ms`] : []), ...(loss > 0 ? ['loss', `${loss}%`] : [])];
      if (spec.length > 0) {
        run('tc', ['qdisc', 'replace', 'dev', link.hostIf, 'root', 'netem', ...spec]);
        run('ip', ['netns', 'exec', this.name, 'tc', 'qdisc', 'replace', 'dev', link.nsIf, 'root', 'netem', ...spec]);
      }
      this.impaired.set(link.label, impairment);
      return `tc netem ${delay > 0 ? `delay ${delay}ms ` : ''}${loss > 0 ? `loss ${loss}%` : ''}`.trim();
    }
    if (delay > 0) throw new Error('this kernel has no sch_netem: delay the link in user space (TcpProxy.delayMs)');
    if (loss > 0) {
      if (!nft) throw new Error('this kernel has no sch_netem and `nft` is not installed: no way to drop packets (scripts/ensure-services.sh installs nftables)');
      const table = this.table(link);
      const match = loss >= 100 ? 'drop' : `numgen random mod 100 < ${loss} drop`;
      this.nft('add', 'table', 'inet', table);
      this.nft('add', 'chain', 'inet', table, 'out', '{ type filter hook output priority 0 ; }');
      this.nft('add', 'chain', 'inet', table, 'in', '{ type filter hook input priority 0 ; }');
      this.nft('add', 'rule', 'inet', table, 'out', 'oifname', link.nsIf, ...match.split(' '));
      this.nft('add', 'rule', 'inet', table, 'in', 'iifname', link.nsIf, ...match.split(' '));
    }
    this.impaired.set(link.label, impairment);
    return loss > 0 ? `nftables drop of ${loss}% of packets in the namespace (no sch_netem in this kernel)` : 'none';
  }

  /** Cuts a link without refusing anything: every packet either way is dropped (a partition). */
  partition(link: VethLink): string {
    return this.impair(link, { lossPercent: 100 });
  }

  /** Removes whatever `impair`/`partition` put on the link. */
  heal(link: VethLink): void {
    if (!this.impaired.delete(link.label)) return;
    tryRun('tc', ['qdisc', 'del', 'dev', link.hostIf, 'root']);
    tryRun('ip', ['netns', 'exec', this.name, 'tc', 'qdisc', 'del', 'dev', link.nsIf, 'root']);
    tryRun('ip', ['netns', 'exec', this.name, 'nft', 'delete', 'table', 'inet', this.table(link)]);
  }

  /** Deletes the namespace (and with it the veth pairs, their qdiscs and the nftables tables inside it). */
  destroy(): void {
    for (const l of this.links) tryRun('ip', ['link', 'del', l.hostIf]);
    tryRun('ip', ['netns', 'del', this.name]);
  }

  private table(link: VethLink): string {
    return `fleet_${link.nsIf}`;
  }

  private ip(...args: string[]): void {
    run('ip', ['-n', this.name, ...args]);
  }

  private nft(...args: string[]): void {
    run('ip', ['netns', 'exec', this.name, 'nft', ...args]);
  }
}
