import { agentConfigBase, DEFAULT_AGENT_OPTIONS } from './agent-options';

describe('agentConfigBase', () => {
  const globalOptions = {
    config: { options: { distributed_interval: 10 }, decorators: { load: ['SELECT 1'] } },
    overrides: { platforms: { darwin: { options: { distributed_interval: 30 } } } },
  };

  it('gives the team options over the global ones over the defaults, and a platform override whole', () => {
    expect(agentConfigBase(globalOptions, null, 'ubuntu')).toEqual(globalOptions.config);
    expect(agentConfigBase(globalOptions, null, 'darwin')).toEqual({ options: { distributed_interval: 30 } });
    expect(agentConfigBase(globalOptions, { config: { options: { distributed_interval: 5 } } }, 'darwin')).toEqual({ options: { distributed_interval: 5 } });
    expect(agentConfigBase({}, {}, 'windows')).toEqual(DEFAULT_AGENT_OPTIONS.config);
  });

  it('hands each check-in its own top level, never the options object, and reads new options once they change', () => {
    const first = agentConfigBase(globalOptions, null, 'ubuntu');
    first['packs'] = { p: {} };
    expect(agentConfigBase(globalOptions, null, 'ubuntu')).not.toHaveProperty('packs');
    expect(() => {
      (first['options'] as Record<string, unknown>)['distributed_interval'] = 99;
    }).toThrow(TypeError);
    expect(globalOptions.config.options.distributed_interval).toBe(10);
    const reloaded = { config: { options: { distributed_interval: 20 } } };
    expect(agentConfigBase(reloaded, null, 'ubuntu')).toEqual({ options: { distributed_interval: 20 } });
  });
});
