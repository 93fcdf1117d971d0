/**
 * A child process that must not outlive the process that started it (the first boot's demo load, which
 * holds the embedded database's lock): it exits as soon as its IPC channel to the parent closes — the
 * parent exited, even by kill -9 — or, should the channel not tell, as soon as it is handed to another
 * parent (its parent pid changes). Exiting runs the exit handlers, so the data directory's lock is released
 * at once and the next start can open the database. It says nothing: nobody reads its output any more.
 * Does nothing in a process started without IPC (`npm run demo`).
 */
export function exitWithParent(code = 70, pollMs = 1000): void {
  if (typeof process.send !== 'function') return; // started without an IPC channel
  // The parent may be gone before this process got here (a slow start): the channel is closed already.
  if (!process.connected || !process.channel) process.exit(code);
  const parent = process.ppid;
  process.once('disconnect', () => process.exit(code));
  // The channel keeps no reference of its own: the child ends when its work does.
  process.channel.unref();
  const watch = setInterval(() => {
    if (process.ppid !== parent) process.exit(code);
  }, pollMs);
  watch.unref();
}
