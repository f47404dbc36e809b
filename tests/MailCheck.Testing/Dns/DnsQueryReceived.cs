namespace MailCheck.Testing.Dns;

/// <summary>A query that <see cref="InProcessDnsServer"/> received.</summary>
/// <param name="Name">The name asked for, lower case, without the trailing dot.</param>
/// <param name="Type">The record type's mnemonic (MX, A, AAAA, TXT, CNAME) or its number.</param>
/// <param name="Tcp">True when it came over TCP.</param>
public sealed record DnsQueryReceived(string Name, string Type, bool Tcp);
