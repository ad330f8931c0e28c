/** Resolves with the first SIGINT or SIGTERM the process receives: how an entry point waits to be stopped. */
export const untilStopSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const received = (signal: NodeJS.Signals) => {
      process.off('SIGINT', received);
      process.off('SIGTERM', received);
      resolve(signal);
    };
    process.on('SIGINT', received);
    process.on('SIGTERM', received);
  });
