namespace MailCheck.Core.Dns;

/// <summary>One DNS query as it happened, for the transcript.</summary>
/// <param name="Name">The name queried.</param>
/// <param name="Type">The record type (MX, A, AAAA ...).</param>
/// <param name="Answer">The answer, readable: records with TTLs, "NXDOMAIN", "no records", "SERVFAIL", "timeout".</param>
/// <param name="Elapsed">How long the query took.</param>
/// <param name="Server">The server that answered, when known.</param>
/// <param name="Failed">True when the query failed (SERVFAIL, refusal, timeout).</param>
public sealed record DnsQueryLog(string Name, string Type, string Answer, TimeSpan Elapsed, string? Server, bool Failed = false);
