// The container path, built and run for real: the image of the Dockerfile (built by `make image`,
// which CI runs before the tests: a cold build makes the base image first and takes minutes),
// its three services as containers against the native stack, and what the image must not hold.
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { topicNames } from '@prequal/events';
import { topicNamesWithPrefix } from '@prequal/messaging';
import { engine, ROOT, runCommand, runEngine, whyNoContainers } from './container-engine.ts';
import {
  IMAGE,
  SERVICES,
  startContainerisedSystem,
  type ContainerisedSystem,
} from './containerised-system.ts';
import {
  fileExists,
  imageConfig,
  installedPackages,
  productionPackages,
  strayFiles,
} from './image-contents.ts';
import { finalState, submit } from './system-under-test.ts';

const test = anyTest as TestFn<ContainerisedSystem>;
const noContainers = await whyNoContainers();

if (noContainers) {
  test.skip(`the container image end to end: skipped, ${noContainers}`, (t) => {
    t.pass();
  });
} else {
  test.before(async (t) => {
    // Seconds when `make image` ran before (layer cache); minutes when it has to make the base.
    t.timeout(15 * 60_000, 'scripts/image.sh (make image)');
    const build = await runCommand(path.join(ROOT, 'scripts/image.sh'), [], { timeoutMs: 15 * 60_000 });
    if (build.code !== 0) throw new Error(`make image failed:\n${build.stderr}`);
    t.timeout(3 * 60_000, 'the init command and three containers');
    t.context = await startContainerisedSystem();
  });
  test.after.always(async (t) => {
    // The context is unset when the before hook failed (it cleans up after itself then).
    await (t.context as ContainerisedSystem | undefined)?.stop();
  });
  registerTests();
}

function registerTests(): void {
  test.serial("docker-compose.yml's init command, run from the image, created this run's topics", (t) => {
    const topics = topicNamesWithPrefix(t.context.prefix);
    for (const topic of topicNames) t.true(t.context.initOutput.includes(topics[topic]), topics[topic]);
    t.true(t.context.initOutput.includes('applied: '), 'the migrations were applied to the fresh database');
  });

  test.serial(
    'through the containerised API, test PAN ABCDE1234F is PRE_APPROVED with a score of 790',
    async (t) => {
      const id = await submit(t.context.api, {
        pan_number: 'ABCDE1234F',
        applicant_name: 'Asha Verma',
        monthly_income_inr: 100000,
        loan_amount_inr: 200000,
        loan_type: 'PERSONAL',
      });
      t.like(await finalState(t.context.api, id), { status: 'PRE_APPROVED', cibil_score: 790 });
    },
  );

  test.serial(
    'through the containerised API, test PAN FGHIJ5678K is REJECTED with a score of 610',
    async (t) => {
      const id = await submit(t.context.api, {
        pan_number: 'FGHIJ5678K',
        monthly_income_inr: 100000,
        loan_amount_inr: 200000,
        loan_type: 'PERSONAL',
      });
      t.like(await finalState(t.context.api, id), { status: 'REJECTED', cibil_score: 610 });
    },
  );

  test.serial('the image runs its services as a user other than root', async (t) => {
    t.is((await imageConfig(IMAGE)).User, 'node');
    const uid = await engine(['exec', t.context.containers['prequal-api'].name, 'id', '-u']);
    t.not(uid.trim(), '0');
    t.is(uid.trim(), '1000');
  });

  test.serial('the image holds the sources, and no tests, .env or .git', async (t) => {
    t.true(await fileExists(IMAGE, '/app/services/prequal-api/src/main.ts'));
    t.true(await fileExists(IMAGE, '/app/schemas/LoanApplicationSubmitted.avsc'));
    t.deepEqual(await strayFiles(IMAGE), []);
  });

  test.serial('the image holds production dependencies only: no ava, no testcontainers', async (t) => {
    const installed = await installedPackages(IMAGE);
    const production = await productionPackages();
    t.true(installed.includes('node_modules/kafkajs'), 'a production dependency is found');
    t.false(installed.includes('node_modules/ava'));
    t.false(installed.includes('node_modules/testcontainers'));
    t.deepEqual(
      installed.filter((location) => !production.has(location)),
      [],
      'installed, but no production dependency of the services and CLIs the image runs',
    );
  });

  test.serial("the image's HEALTHCHECK command passes in each running service", async (t) => {
    const check = (await imageConfig(IMAGE)).Healthcheck?.Test ?? [];
    t.is(check[0], 'CMD', 'an exec-form HEALTHCHECK');
    for (const service of SERVICES) {
      const { code, stderr } = await runEngine([
        'exec',
        t.context.containers[service].name,
        ...check.slice(1),
      ]);
      t.is(code, 0, `${service}: ${stderr}`);
    }
  });

  // Last: it stops the services.
  test.serial(
    'SIGTERM drains each container as on the native path: exit 0 within SHUTDOWN_TIMEOUT_MS',
    async (t) => {
      const codes = await Promise.all(SERVICES.map((service) => t.context.terminate(service)));
      for (const [index, service] of SERVICES.entries()) {
        // The services exit 1 themselves when the drain outlasts SHUTDOWN_TIMEOUT_MS.
        t.is(codes[index], 0, service);
        const log = await t.context.logs(service);
        t.true(log.includes('"msg":"shutting down"'), `${service} logged its shutdown`);
        t.regex(log, /"code":0,"msg":"shutdown complete"/, `${service} completed every shutdown step`);
      }
    },
  );
}
