// @real-io: the entry script of a node process (started by the launcher with `node --require tsx/cjs`).
/**
 * Entry point of a node process. It reads its config from the environment, hosts the node,
 * and watches its parent: when the launcher's IPC channel closes (the launcher exited, was
 * killed, or its notebook kernel restarted) the process exits at once, so no node outlives
 * the program that started it.
 */
import { describe, hostNode } from './node-host';
import { CONFIG_ENV } from './wire';
import type { ControlMessage, NodeProcessConfig, ReportMessage } from './wire';

function main(): void {
  const send = process.send?.bind(process);
  if (send === undefined) {
    console.error('lib/runtime/child-main: este script lo arranca launchCluster (necesita un canal IPC)');
    process.exit(2);
  }
  // The watchdog: no parent, no node.
  process.on('disconnect', () => process.exit(0));
  let config: NodeProcessConfig;
  try {
    config = JSON.parse(process.env[CONFIG_ENV] ?? '') as NodeProcessConfig;
  } catch {
    send(JSON.stringify({ type: 'fatal', message: `falta la configuración ${CONFIG_ENV}` } satisfies ReportMessage), () => process.exit(2));
    return;
  }
  const report = (message: ReportMessage, then?: () => void) => {
    if (!process.connected) return process.exit(0);
    send(JSON.stringify(message), (error: Error | null) => (error ? process.exit(0) : then?.()));
  };
  process.on('uncaughtException', (error) => report({ type: 'fatal', message: `error interno del nodo ${config.id}: ${describe(error)}` }, () => process.exit(1)));
  void hostNode(config, {
    send: report,
    onControl: (handler) =>
      process.on('message', (text: unknown) => {
        if (typeof text === 'string') handler(JSON.parse(text) as ControlMessage);
      }),
    exit: (code) => process.exit(code),
  });
}

main();
