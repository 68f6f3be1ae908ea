/**
 * Stops a long-running command when the process that started it goes away without a signal
 * reaching us (an `npm` killed with SIGKILL, a closed terminal whose SIGHUP npm does not pass
 * on): the parent PID changes when the parent dies, as the orphan is adopted.
 */
export function whenOrphaned(onOrphan: () => void, intervalMs = 1_000): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphan();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
