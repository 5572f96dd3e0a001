import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { openAndMigrate, startServer } from '../../server/main.ts';
import { defaultDemo, isEmpty, loadSyntheticDemo } from '../../server/services/demo-service.ts';
import { StartupError } from '../../server/errors.ts';
import { formatDemoLogins } from './demo.ts';
import { demoUsers } from '../../core/demo/fixed-commonwealth.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the platform (API and web app); applies migrations first')
    .option('--demo', 'load the demo data first if the database holds no organizations yet')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (opts: { demo?: boolean; port?: string; host?: string }) => {
      const env = { ...process.env };
      if (opts.port !== undefined) env.PORT = opts.port;
      if (opts.host !== undefined) env.HOST = opts.host;
      const config = loadConfig(env);
      const { db, applied } = await openAndMigrate(config);
      let shown = false;
      try {
        if (applied.length > 0) console.log(`Database schema updated (${applied.join(', ')}).`);
        if (opts.demo && (await isEmpty(db))) {
          console.log(`Loading the demo (a synthetic Commonwealth at scale ${defaultDemo.scale}; under a minute)…`);
          await loadSyntheticDemo(db, {
            ...defaultDemo,
            onProgress: (step) => console.log(step.endsWith(' imported') ? `  ${step}.` : `  ${step}…`),
          });
          shown = true;
        }
        const server = await startServer(db, config);
        const stop = async (signal: string) => {
          console.log(`\nStopping (${signal})…`);
          await server.close();
          await db.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
        console.log(`\nssos is running at ${server.url}`);
        console.log(`  database: ${db.kind === 'pglite' ? `embedded, in ${db.location}` : db.location}`);
        console.log(`  API documentation: ${server.url}/api/docs`);
        if (opts.demo) {
          console.log(
            `\nDemo accounts${shown ? '' : ' (if the demo was loaded into this database)'} (email, password, role):`,
          );
          console.log(
            formatDemoLogins({ users: demoUsers.map((u) => ({ email: u.email, role: u.role, password: u.password })) }),
          );
        }
        console.log('\nPress Ctrl+C to stop.');
      } catch (err) {
        await db.close();
        throw err instanceof StartupError ? err : err;
      }
    });
}
