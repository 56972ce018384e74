/**
 * `npm run people -- <command>`: the team's people from a shell or a deployment script, on the
 * same database the console uses (DATABASE_URL, or PGlite in CONSOLE_DATA_DIR — stop the console
 * first then, PGlite being one process's database).
 *
 *   add <email> --role <role> --password <password> [--name <name>]
 *   list
 *   set-role <email> <role>
 *   remove <email>
 */
import { pathToFileURL } from 'node:url';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../server/db/database';
import { ROLES } from '../server/db/schema';
import { addPerson, listPeople, PeopleError, removePerson, setRole, type Actor } from '../server/people/people';

export const USAGE = `usage: npm run people -- <command>
  add <email> --role <${ROLES.join('|')}> --password <password> [--name <name>]
  list
  set-role <email> <${ROLES.join('|')}>
  remove <email>`;

export class UsageError extends Error {}

function parseFlags(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const value = inline ?? args[i + 1];
      if (inline === undefined) i += 1;
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  return { positional, flags };
}

/** Runs one command; returns what to print. Throws UsageError or PeopleError with a clear message. */
export async function runPeopleCommand(db: Database, argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const { positional, flags } = parseFlags(rest);
  const actor: Actor = { label: 'npm run people' };
  const known = (...names: string[]) => {
    for (const name of flags.keys()) if (!names.includes(name)) throw new UsageError(`Unknown option --${name} for ${command}.`);
  };
  const one = (what: string) => {
    if (positional.length !== 1) throw new UsageError(`${command} takes one ${what}.`);
    return positional[0] as string;
  };
  switch (command) {
    case 'add': {
      known('role', 'password', 'name');
      const email = one('email');
      const role = flags.get('role');
      const password = flags.get('password');
      if (!role) throw new UsageError(`add needs --role (${ROLES.join(', ')}).`);
      if (!password) throw new UsageError('add needs --password.');
      const person = await addPerson(db, { email, role, password, name: flags.get('name') }, actor);
      return `Added ${person.email} as ${person.role}.`;
    }
    case 'list': {
      known();
      if (positional.length) throw new UsageError('list takes no arguments.');
      const people = await listPeople(db);
      if (!people.length) return 'Nobody is on the team yet.';
      return people.map((person) => `${person.email}\t${person.role}\t${person.name}`).join('\n');
    }
    case 'set-role': {
      known();
      if (positional.length !== 2) throw new UsageError('set-role takes an email and a role.');
      const [email, role] = positional as [string, string];
      const person = await setRole(db, email, role, actor);
      return `${person.email} is now ${person.role}.`;
    }
    case 'remove': {
      known();
      const person = await removePerson(db, one('email'), actor);
      return `Removed ${person.email} (${person.role}); their sessions are revoked.`;
    }
    case undefined:
    case 'help':
    case '--help':
      return USAGE;
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main() {
  const argv = process.argv.slice(2);
  let database;
  try {
    database = await openDatabase(databaseOptionsFromEnv(process.env));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  try {
    console.log(await runPeopleCommand(database.db, argv));
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof PeopleError) console.error(error.message);
    else throw error;
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
