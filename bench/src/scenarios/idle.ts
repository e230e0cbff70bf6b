import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '../progress.ts';
import type { IdleResult } from '../results.ts';
import { measureCpu, stackTargets } from '../system/cpu-sampler.ts';
import { createIsolatedSystem } from '../system/isolated-system.ts';
import { warmUp } from '../system/warm-up.ts';
import type { ScenarioContext } from './context.ts';

const SERVICES = ['prequal-api', 'credit-service', 'decision-service'] as const;

/**
 * The three services with nothing to do: a few applications go through first (schemas resolved,
 * connections open, as in a pipeline between two bursts), then nothing for the profile's window,
 * and the CPU each service used in it is recorded. Everything a service does on a timer shows
 * here: relay polls, consumer fetches and heartbeats, metrics, retention.
 */
export async function runIdleScenario(context: ScenarioContext): Promise<IdleResult> {
  const { seconds } = context.profile.idle;
  const system = await createIsolatedSystem();
  try {
    const credit = await system.start('credit-service');
    const decision = await system.start('decision-service');
    const api = await system.start('prequal-api');
    await warmUp(system, api, { seconds: 1, until: 'decided' });
    await sleep(2_000); // what the last application set off (commits, a relay round) is over
    say(`idle · the three services, nothing submitted, for ${seconds} s`);
    const running = { 'prequal-api': api, 'credit-service': credit, 'decision-service': decision };
    const targets = [
      ...SERVICES.map((name) => ({ name, pids: () => [running[name].pid] })),
      ...stackTargets(),
    ];
    const { cpu } = await measureCpu('idle', targets, () => sleep(seconds * 1000));
    context.cpu.push(cpu);
    const services = cpu.usage.filter((share) => (SERVICES as readonly string[]).includes(share.process));
    const totalPercent = Math.round(services.reduce((sum, share) => sum + share.percent, 0) * 10) / 10;
    say(
      `idle · ${services.map((share) => `${share.process} ${share.percent}%`).join(', ')}: ` +
        `${totalPercent}% of a core together`,
    );
    return { seconds, services, totalPercent };
  } finally {
    await system.close();
  }
}
