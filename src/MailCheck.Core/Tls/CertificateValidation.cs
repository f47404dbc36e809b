namespace MailCheck.Core.Tls;

/// <summary>The outcome of building and checking a certificate's chain (RFC 5280 path validation, as .NET does it).</summary>
/// <param name="Valid">True when the chain leads to a trusted root, every certificate is within its dates and fit for a TLS server.</param>
/// <param name="Errors">Why not, one "Status: text" entry per problem (empty when valid).</param>
/// <param name="TrustedByExtraCa">
/// True when the chain is trusted only because its root is in <c>MailCheck:Tls:ExtraTrustedCaFile</c>, not through the
/// system's store: senders elsewhere do not know that CA.
/// </param>
/// <param name="Anchor">The subject of the root the chain ended at, when it was trusted.</param>
public sealed record CertificateValidation(bool Valid, IReadOnlyList<string> Errors, bool TrustedByExtraCa, string? Anchor);
