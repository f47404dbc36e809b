namespace MailCheck.Testing.Https;

/// <summary>A request a <see cref="TestHttpsServer"/> received.</summary>
/// <param name="Method">E.g. GET.</param>
/// <param name="Target">The request target, e.g. /.well-known/mta-sts.txt.</param>
/// <param name="Host">The Host header.</param>
/// <param name="ServerName">The TLS server name (SNI) the client sent.</param>
/// <param name="Headers">Every header (names lower case; the last of repeated ones).</param>
public sealed record TestHttpRequest(string Method, string Target, string? Host, string? ServerName, IReadOnlyDictionary<string, string> Headers);
