// Before `npm start`, `npm run dev` and `npm run demo:partner`: the console needs Node 20.19 or
// newer (package.json "engines"; Vite 8 and the server load ES modules with require()). Plain
// JavaScript with no imports, so it runs, and says so, on any older Node too.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `The Aurous console needs Node 20.19 or newer; this is Node ${process.versions.node}. Install a newer Node (https://nodejs.org) and run the command again.`,
  );
  process.exit(1);
}
