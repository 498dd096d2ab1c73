/**
 * `npm run rpc-server [-- --port N]`: the lecture's JSON-RPC server (sumar, add, multiply,
 * subtract) on 127.0.0.1:5000, so the lecture's own Python client works unchanged.
 */
import { createLectureDispatcher, startHttpServer } from '../lib/rpc/index';

function parsePort(argv: readonly string[]): number {
  const at = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (at === -1) return 5000;
  const arg = argv[at]!;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port necesita un número entre 0 y 65535, llegó "${text ?? ''}"`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const server = await startHttpServer({ dispatcher: createLectureDispatcher(), port: parsePort(process.argv.slice(2)) });
  // The line tests wait for: keep its shape.
  console.log(`Servidor JSON-RPC escuchando en ${server.url} (métodos: sumar, add, multiply, subtract)`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
