/**
 * A failed request in words a user understands, with Node's own message under it for whoever needs
 * the detail: "Could not resolve host api.example.test." rather than "getaddrinfo ENOTFOUND …".
 */
export function networkErrorInWords(error: Error & { code?: string }, url: URL): string {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const code = error.code ?? "";
  const words = (() => {
    switch (code) {
      case "ENOTFOUND":
        return `Could not resolve host ${host}: no such name in DNS.`;
      case "EAI_AGAIN":
        return `Could not resolve host ${host}: the DNS server did not answer. Try again later.`;
      case "ECONNREFUSED":
        return `${host} refused the connection on port ${port}: nothing is listening there.`;
      case "ECONNRESET":
      case "EPIPE":
        return `${host} closed the connection before it answered.`;
      case "ETIMEDOUT":
      case "ESOCKETTIMEDOUT":
        return `${host} did not answer in time.`;
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return `${host} cannot be reached from this server's network.`;
      default:
        if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
          return `The TLS certificate of ${host} is not trusted, so the connection was not made.`;
        }
        return `The request to ${host} failed.`;
    }
  })();
  return `${words}\nDetail: ${error.message}`;
}
