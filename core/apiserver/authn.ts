import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../registry/context.js';

export type TokenAuthenticator = (token: string) => UserInfo | undefined | Promise<UserInfo | undefined>;

/** Who is calling: a verified client certificate (CN user, O groups) or a bearer token we issued. */
// A connection's certificate does not change, and reading it is costly: remember who it is.
const certUsers = new WeakMap<object, UserInfo | null>();

function certificateUser(socket: TLSSocket): UserInfo | null {
  let user = certUsers.get(socket);
  if (user !== undefined) return user;
  user = null;
  if (socket.authorized) {
    const cert = socket.getPeerCertificate?.();
    if (cert && cert.subject) {
      const o = cert.subject.O;
      const groups = Array.isArray(o) ? o : o ? [o] : [];
      const cn = Array.isArray(cert.subject.CN) ? cert.subject.CN[0] : cert.subject.CN;
      user = { username: cn ?? '', groups: [...groups, 'system:authenticated'] };
    }
  }
  certUsers.set(socket, user);
  return user;
}

export async function authenticate(req: IncomingMessage, tokens?: TokenAuthenticator): Promise<UserInfo | undefined> {
  const user = certificateUser(req.socket as TLSSocket);
  if (user) return user;
  const auth = req.headers.authorization;
  if (tokens && auth && /^bearer /i.test(auth)) return (await tokens(auth.slice(7).trim())) ?? undefined;
  return undefined;
}
