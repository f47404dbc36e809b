namespace MailCheck.Core.Dns;

/// <summary>The data of a TLSA record (RFC 6698 §2.1).</summary>
/// <param name="Usage">Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.</param>
/// <param name="Selector">0 the full certificate, 1 the SubjectPublicKeyInfo.</param>
/// <param name="MatchingType">0 exact, 1 SHA-256, 2 SHA-512.</param>
/// <param name="Data">The certificate association data, upper-case hex.</param>
public sealed record TlsaData(int Usage, int Selector, int MatchingType, string Data);
