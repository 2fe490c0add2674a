/** Starts the HTTP service on HOST:PORT. */
import { loadConfig } from './config.js';
import { startService } from './start.js';

const config = loadConfig();
const { app, database, generatedAdminPassword } = await startService(config);

if (generatedAdminPassword) {
  // Printed once, on the first start only; the password must be changed at first login.
  process.stdout.write(
    `\n首次启动：已创建管理员账户 admin，初始密码（仅显示这一次，首次登录后须修改）：\n` +
      `First start: created user "admin" with the generated password (shown once, must be changed):\n\n    ${generatedAdminPassword}\n\n`,
  );
}

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: draining requests');
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
app.log.info({ db: database.kind }, 'service ready');
