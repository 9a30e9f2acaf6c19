/** PEM material the API server serves with and verifies clients against. */
export interface TlsMaterial {
  caCert: string;
  serverCert: string;
  serverKey: string;
}
