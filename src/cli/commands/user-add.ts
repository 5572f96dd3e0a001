import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { roles, type Role } from '../../core/access/roles.ts';
import { AppError } from '../../core/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { systemContext } from '../../server/context.ts';
import { openAndMigrate } from '../../server/main.ts';
import { createUser } from '../../server/services/user-service.ts';

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function promptPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new AppError(
      'validation_failed',
      'no password given: use --password-stdin, or run in a terminal to be asked',
      'password',
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Hide what is typed.
  const output = rl as unknown as { _writeToOutput?: (s: string) => void };
  process.stderr.write('Password (at least 12 characters): ');
  output._writeToOutput = () => {};
  const password = await rl.question('');
  rl.close();
  process.stderr.write('\n');
  return password;
}

export function registerUserAddCommand(parent: Command): void {
  parent
    .command('add')
    .description('create a user account with a role and a scope')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--role <role>', `one of: ${roles.join(', ')}`)
    .option(
      '--scope <code>',
      'organization the user acts for: 00000000 (state) for state roles, a region code (coastal, west-central), a district or school code; none for vendors',
    )
    .option('--password-stdin', 'read the password from standard input')
    .option('--password <password>', 'the password (visible in your shell history: prefer --password-stdin)')
    .addHelpText(
      'after',
      '\nExample:\n  echo "a-long-passphrase" | ssos user add --email ana@example.org --name "Ana Lopez" --role school_leader --scope 00010505 --password-stdin',
    )
    .action(
      async (opts: {
        email: string;
        name: string;
        role: string;
        scope?: string;
        passwordStdin?: boolean;
        password?: string;
      }) => {
        if (!(roles as readonly string[]).includes(opts.role)) {
          throw new AppError(
            'validation_failed',
            `--role must be one of ${roles.join(', ')}, not "${opts.role}"`,
            'role',
          );
        }
        const password = opts.password ?? (opts.passwordStdin ? await readPasswordFromStdin() : await promptPassword());
        const config = loadConfig();
        const { db } = await openAndMigrate(config);
        try {
          const user = await createUser(systemContext(db), {
            email: opts.email,
            displayName: opts.name,
            role: opts.role as Role,
            scopeCode: opts.scope ?? null,
            password,
          });
          console.log(
            `Created ${user.roleLabel.toLowerCase()} ${user.displayName} <${user.email}>${user.scope.orgName ? ` for ${user.scope.orgName}` : ''}.`,
          );
        } finally {
          await db.close();
        }
      },
    );
}
