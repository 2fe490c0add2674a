/**
 * Command line: migrate, user add, backup, restore, demo and the other long jobs.
 *   npm run cli -- migrate
 *   npm run cli -- user add <username> <role> [scopeId] [--chief]      (password from NEW_USER_PASSWORD)
 *   npm run cli -- reset-password <username>      (prints a new generated password, to be changed at next login)
 *   npm run backup -- <file>      npm run restore -- <file>
 *   npm run demo
 *   npm run cli -- render <communityId> <kind> <out.pdf> [contest=… stage=… perPage=1|8]
 */
import { loadConfig } from './config.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from './db/backup.js';
import { SYSTEM_ACTOR } from './db/audit.js';
import { createUser, resetPasswordByName } from './services/users.js';
import { ROLES, type Role } from './services/users.js';
import { loadSecrets } from './secrets.js';

const config = loadConfig();
const [command, ...args] = process.argv.slice(2);

function usage(): never {
  process.stderr.write(
    '用法 / usage: cli migrate | cli user add <username> <role> [scopeId] [--chief] | cli reset-password <username> | cli backup <file> | cli restore <file> | cli render <communityId> <kind> <out.pdf> | cli demo\n',
  );
  process.exit(2);
}

async function main(): Promise<void> {
  switch (command) {
    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrateDatabase(database);
      await database.close();
      process.stdout.write(`迁移完成 (${database.kind})\n`);
      return;
    }
    case 'user': {
      const [sub, username, role, scopeId] = args;
      if (sub !== 'add' || !username || !role || !(ROLES as readonly string[]).includes(role)) usage();
      const password = process.env.NEW_USER_PASSWORD;
      if (!password) throw new Error('set NEW_USER_PASSWORD');
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrateDatabase(database);
      loadSecrets(config); // the audit key: the new user's entry is keyed like every other
      const user = await createUser(database.db, {
        actor: SYSTEM_ACTOR,
        user: { username, password, role: role as Role, scopeId: scopeId ?? null, chief: args.includes('--chief') },
      });
      await database.close();
      process.stdout.write(`已创建用户 ${user.username} (${user.role})\n`);
      return;
    }
    case 'reset-password': {
      const username = args[0] ?? usage();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrateDatabase(database);
      loadSecrets(config); // the audit key: the reset is audited like every other
      try {
        const { user, password } = await resetPasswordByName(database.db, { actor: SYSTEM_ACTOR, username });
        process.stdout.write(
          `已重置用户 ${user.username} 的密码，新密码（仅显示这一次，登录后须修改；原有登录全部失效）：\n` +
            `Password of "${user.username}" reset (shown once, must be changed at login; every session ended):\n\n    ${password}\n\n`,
        );
      } finally {
        await database.close();
      }
      return;
    }
    case 'backup': {
      const file = args[0] ?? usage();
      if (config.databaseUrl) await backupPostgres(config.databaseUrl, file);
      else await backupPglite(config.dataDir, file);
      process.stdout.write(`备份已写入 ${file}\n`);
      return;
    }
    case 'restore': {
      const file = args[0] ?? usage();
      if (config.databaseUrl) await restorePostgres(config.databaseUrl, file);
      else {
        const { keptAside } = await restorePglite(config.dataDir, file);
        if (keptAside) process.stdout.write(`原数据目录已保留为 ${keptAside}\n`);
      }
      process.stdout.write(`已从 ${file} 恢复\n`);
      return;
    }
    case 'render': {
      const [communityId, kind, out, ...options] = args;
      const { PAPER_KINDS } = await import('./pdf/view-models.js');
      if (!communityId || !kind || !out || !(PAPER_KINDS as readonly string[]).includes(kind)) usage();
      const { renderPaperToFile } = await import('./services/documents.js');
      const { DateTime } = await import('luxon');
      const { SingleBar, Presets } = await import('cli-progress');
      const query = Object.fromEntries(options.map((o) => o.split('=', 2) as [string, string]));
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const bar = new SingleBar({ format: `${kind} [{bar}] {percentage}% {value}/{total}`, hideCursor: true }, Presets.shades_classic);
      let started = false;
      try {
        const { total } = await renderPaperToFile(database.db, {
          communityId,
          kind: kind as (typeof PAPER_KINDS)[number],
          today: DateTime.now().setZone(config.timeZone).toISODate()!,
          query: { ...query, ...(query.perPage ? { perPage: Number(query.perPage) === 1 ? 1 : 8 } : {}) },
          out,
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        process.stdout.write(`已生成 ${out}（${total}）\n`);
      } catch (error) {
        if (started) bar.stop();
        const zh = (error as { messageZh?: string }).messageZh;
        throw zh ? new Error(zh) : error;
      } finally {
        await database.close();
      }
      return;
    }
    case 'demo': {
      const { runDemo } = await import('../scripts/demo.js');
      await runDemo();
      return;
    }
    default:
      usage();
  }
}

main().catch((error: unknown) => {
  const zh = error instanceof Error && 'messageZh' in error ? `${String((error as { messageZh: unknown }).messageZh)} / ` : '';
  process.stderr.write(`${zh}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
