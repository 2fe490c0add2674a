/**
 * `npm run demo`: a realistic street (8 communities, about 60,000 residents) on a fresh embedded database, the whole
 * round run through the API step by step, every paper written to ./out/. Afterwards
 * `DATA_DIR=./out/demo-db npm start` serves the same data.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { testConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { buildApp } from '../src/http/app.js';
import { bootstrapAdmin } from '../src/services/users.js';
import { clockNow, runScenario, type Clock } from './scenario.js';

export async function runDemo(): Promise<void> {
  const outDir = process.env.DEMO_OUT ?? './out';
  const communities = Number(process.env.DEMO_COMMUNITIES ?? 8);
  const residents = Number(process.env.DEMO_RESIDENTS ?? 7500);
  const dataDir = join(outDir, 'demo-db');
  rmSync(outDir, { recursive: true, force: true });
  const started = Date.now();
  const database = await openDatabase({ dataDir });
  await migrateDatabase(database);
  const adminPassword = 'Demo-Admin-Passw0rd!';
  const clock: Clock = { today: '2026-11-20' };
  // The demo's database is served afterwards with `DATA_DIR=… npm start`: its secrets are files in that directory.
  const config = testConfig({ logLevel: 'silent', dataDir, adminPassword, tokenSecret: undefined, auditKey: undefined });
  const app = await buildApp({ config, database, now: clockNow(clock) });
  await bootstrapAdmin(database.db, adminPassword);
  await app.ready();
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar({ format: '换届演示 [{bar}] {value}/{total} {step}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(10, 0, { step: '' });
  try {
    const report = await runScenario(app, clock, {
      communities,
      residentsPerCommunity: residents,
      outDir,
      adminPassword,
      log: (line) => {
        if (bar) bar.update({ step: line.slice(0, 40) });
        else process.stdout.write(`${line}\n`);
      },
      progress: (step, total, label) => {
        bar?.update(step, { step: label });
        if (bar) process.stdout.write(`\n${label}\n`);
      },
    });
    bar?.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      [
        '',
        `演示完成（${seconds} 秒）：${report.communities.length} 个社区，导入选民 ${report.communities.reduce((n, c) => n + c.imported, 0)} 人，` +
          `拒绝 ${report.communities.reduce((n, c) => n + c.rejectedRows, 0)} 行（未成年、重复登记）`,
        `迟发候选人名单被拒：${report.lateListRefusal.rule ?? report.lateListRefusal.status} ${report.lateListRefusal.messageZh ?? ''}`,
        `当选证书编号：${report.certificates[0]} … ${report.certificates.at(-1)}（共 ${report.certificates.length} 张）；逾期交接：${report.overdueHandovers} 个社区`,
        `审计链：${report.audit.ok ? '完整' : '异常'}（${report.audit.entries} 条）`,
        `文件已写入 ${outDir}/（${report.papers.length} 份）；查看数据：DATA_DIR=${dataDir} npm start（admin / ${adminPassword}）`,
        '',
      ].join('\n'),
    );
  } finally {
    bar?.stop();
    await app.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
