namespace MailCheck.Testing.Dns;

/// <summary>One resource record of the in-process zone, with its RDATA already encoded.</summary>
/// <param name="Name">Owner name, lower case, no trailing dot.</param>
/// <param name="Type">RR type number.</param>
/// <param name="Ttl">TTL in seconds.</param>
/// <param name="Data">Encoded RDATA.</param>
/// <param name="Target">For CNAME: the canonical name, so the server can follow it like a recursive resolver.</param>
internal sealed record ZoneRecord(string Name, ushort Type, int Ttl, byte[] Data, string? Target = null);
