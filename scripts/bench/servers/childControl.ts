// The bench runs each bot in a child process of its own, so its CPU time can be read apart from the
// load generator's. The parent talks to it over the IPC channel: `ready` once it listens, `cpu` on
// request (microseconds of user + system time so far), and it exits on `stop`.

export type ChildMessage = { type: 'ready'; url: string } | { type: 'cpu'; micros: number };
export type ParentMessage = { type: 'cpu' } | { type: 'stop' };

export function serveBenchChild(url: string, stop: () => Promise<void>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    } else if (message.type === 'stop') {
      void stop().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  send({ type: 'ready', url });
}
