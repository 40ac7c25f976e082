// Docker's port publishing, for the compose suite: accepts on the listening socket inherited as fd 3 (bound to
// 127.0.0.1:<port> in the root namespace by the test) and connects, from inside the service's namespace, to
// <address>:<port> given as arguments: the service's address on the compose network, like Docker's DNAT. A service
// listening on its own 127.0.0.1 only is therefore unreachable through it, as in a container.
import net from 'node:net';

const [address, port] = process.argv.slice(2);
const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), address);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen({ fd: 3 }, () => console.log(`relaying to ${address}:${port}`));
process.once('SIGTERM', () => process.exit(0));
