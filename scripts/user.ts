// npm run user -- <command>: accounts of a self-hosted instance, from its machine. Uses DATABASE_URL,
// or the embedded PostgreSQL of an `npm start` on this machine.
import { CommandError, listUsers, resetPassword, setRole } from "@/lib/auth/admin-commands";
import { createInvite, createInviteBodySchema } from "@/lib/auth/signup";
import { appUrl, parseEnv } from "@/lib/env";
import { exitWithError, openCommandDatabase } from "./cli";

const usage = `Usage: npm run user -- <command>
  list                       the accounts and their roles
  make-admin <email>         make an account an admin
  make-user <email>          make an admin a plain user again
  reset-password <email>     set a new random password (printed once) and sign the account out everywhere
  invite [note]              print an invite link (for SIGNUP=invite)`;

async function main() {
  const [command, argument] = process.argv.slice(2);
  const current = parseEnv(process.env);
  const db = await openCommandDatabase(current);
  try {
    switch (command) {
      case "list":
        for (const user of await listUsers(db))
          console.log(
            `${user.role.padEnd(5)}  ${user.email}  (${user.name}, since ${user.createdAt.toISOString().slice(0, 10)})`,
          );
        return;
      case "make-admin":
      case "make-user":
        if (!argument) throw new CommandError(usage);
        await setRole(db, argument, command === "make-admin" ? "admin" : "user");
        console.log(`${argument} is now ${command === "make-admin" ? "an admin" : "a plain user"}.`);
        return;
      case "reset-password":
        if (!argument) throw new CommandError(usage);
        console.log(`New password for ${argument}: ${await resetPassword(db, argument)}`);
        return;
      case "invite": {
        // An invite made here has no creator: it was made by whoever runs the machine.
        const admin = { id: "", name: "", email: "", role: "admin" as const };
        const invite = await createInvite(
          db,
          admin,
          createInviteBodySchema.parse({ note: argument ?? "" }),
          appUrl(current),
          null,
        );
        console.log(invite.link);
        return;
      }
      default:
        throw new CommandError(usage);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch(exitWithError);
