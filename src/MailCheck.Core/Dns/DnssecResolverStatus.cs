namespace MailCheck.Core.Dns;

/// <summary>
/// What MailCheck may conclude from its resolver's answers about DNSSEC, for one check: whether it believes the AD flag
/// (RFC 4035 §4.9.3: only over a trusted path) and whether the resolver validates at all. Decides the
/// <see cref="DnssecState"/> of every answer (<see cref="Classify"/>).
/// </summary>
public sealed record DnssecResolverStatus
{
    /// <summary>A resolver whose AD flag is believed and which validates (tests, or a probe that said so).</summary>
    public static DnssecResolverStatus Validating { get; } = new()
    {
        AdTrusted = true,
        Validates = true,
        TrustReason = "the DNS resolver is trusted",
        Validation = "the DNS resolver validates",
    };

    /// <summary>True when the AD flag of the resolver's answers is believed.</summary>
    public required bool AdTrusted { get; init; }

    /// <summary>True when the resolver validates DNSSEC, false when it does not, null when not known (not probed or the probe failed).</summary>
    public bool? Validates { get; init; }

    /// <summary>Why the AD flag is (not) believed, e.g. "the DNS server 127.0.0.1:53 is on loopback".</summary>
    public required string TrustReason { get; init; }

    /// <summary>How MailCheck learned whether the resolver validates, e.g. ". SOA came back with the AD flag".</summary>
    public string? Validation { get; init; }

    /// <summary>True when answers can be judged secure, insecure or bogus.</summary>
    public bool CanVerify => AdTrusted && Validates == true;

    /// <summary>
    /// Null when DNSSEC can be verified; otherwise the sentence MailCheck shows on the result, starting "DNSSEC and DANE
    /// could not be verified: ...". Never a failure of the domain: it is MailCheck's resolver that cannot tell.
    /// </summary>
    public string? Unverifiable => (AdTrusted, Validates) switch
    {
        (false, _) => $"DNSSEC and DANE could not be verified: MailCheck does not trust the AD flag of its DNS resolver ({TrustReason}; RFC 4035 §4.9.3 trusts it only over a secure path)",
        (true, false) => $"DNSSEC and DANE could not be verified: the DNS resolver does not validate ({Validation})",
        (true, null) => $"DNSSEC and DANE could not be verified: whether the DNS resolver validates is not known ({Validation ?? "it was not asked"})",
        _ => null,
    };

    /// <summary>
    /// The DNSSEC state of one answer (RFC 4035 §4.3, RFC 4033 §5):
    /// <list type="bullet">
    /// <item>AD flag not believed: <see cref="DnssecState.Indeterminate"/>, whatever the answer says.</item>
    /// <item>NOERROR or NXDOMAIN with AD: <see cref="DnssecState.Secure"/> (the resolver built a chain of trust to it).</item>
    /// <item>NOERROR or NXDOMAIN without AD, from a resolver known to validate: <see cref="DnssecState.Insecure"/>. A validating
    /// resolver never hands out a bogus answer (it answers SERVFAIL, RFC 4035 §5.5), so an answer without AD is one it
    /// proved unsigned (an insecure delegation) or one outside every trust anchor it has.</item>
    /// <item>The same from a resolver not known to validate: <see cref="DnssecState.Indeterminate"/> (no AD says nothing).</item>
    /// <item>SERVFAIL with a DNSSEC extended error (RFC 8914: 6 DNSSEC Bogus, 7 Signature Expired, 9 DNSKEY Missing ...):
    /// <see cref="DnssecState.Bogus"/>.</item>
    /// <item>Any other failure (a SERVFAIL without such an error, a timeout, REFUSED): <see cref="DnssecState.Indeterminate"/> —
    /// a bogus answer and a broken server look the same without the extended error, and MailCheck does not guess.</item>
    /// </list>
    /// </summary>
    public DnssecState Classify(DnsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!AdTrusted)
        {
            return DnssecState.Indeterminate;
        }

        return answer.Status switch
        {
            DnsResponseStatus.NoError or DnsResponseStatus.NxDomain when answer.AuthenticatedData => DnssecState.Secure,
            DnsResponseStatus.NoError or DnsResponseStatus.NxDomain => Validates == true ? DnssecState.Insecure : DnssecState.Indeterminate,
            DnsResponseStatus.ServFail when answer.ExtendedErrorCode is { } code && ExtendedDnsError.BogusCodes.Contains(code) => DnssecState.Bogus,
            _ => DnssecState.Indeterminate,
        };
    }
}
