import { isIPv4 } from 'node:net';

function toInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/**
 * The API server's second listener, on the Docker bridge's gateway, serves containers only:
 * connections from outside that /16 are dropped before TLS, so the address never becomes a way
 * in from the network. Users reach the API on 127.0.0.1.
 */
export function podAddressFilter(gateway: string): (remote: string) => boolean {
  if (!isIPv4(gateway)) return () => false;
  const net = toInt(gateway) & 0xffff0000;
  return (remote) => {
    const addr = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
    return isIPv4(addr) && (toInt(addr) & 0xffff0000) === net;
  };
}
