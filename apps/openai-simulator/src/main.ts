import { OpenAiSimulator, simulatorOptionsFromEnv, SimulatorOptions } from '@openai-monitoring/openai-simulator';

function fail(message: string): never {
  console.error(`openai-simulator: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = simulatorOptionsFromEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }

  const simulator = await OpenAiSimulator.start(options).catch((error: Error) =>
    fail(`cannot start: ${error.message}`),
  );
  console.log(`OpenAI simulator listening on ${simulator.baseURL}`);

  const shutdown = () => {
    simulator.stop().then(
      () => process.exit(0),
      (error: Error) => fail(`error while stopping: ${error.message}`),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
