using MailCheck.Core.Dns;

namespace MailCheck.Core.Tests.Dns;

/// <summary>How one answer's DNSSEC state is decided (RFC 4035 §4.3, §4.9.3, §5.5; RFC 8914).</summary>
public class DnssecResolverStatusTests
{
    private static readonly DnssecResolverStatus Validating = DnssecResolverStatus.Validating;
    private static readonly DnssecResolverStatus NotValidating = new() { AdTrusted = true, Validates = false, TrustReason = "loopback", Validation = "no AD" };
    private static readonly DnssecResolverStatus Unknown = new() { AdTrusted = true, Validates = null, TrustReason = "loopback" };
    private static readonly DnssecResolverStatus Untrusted = new() { AdTrusted = false, Validates = true, TrustReason = "the DNS server 192.0.2.53:53 is not on loopback" };

    private static DnsAnswer Answer(DnsResponseStatus status, bool ad = false, int? ede = null) =>
        new() { Name = "example.com", Type = DnsRecordType.MX, Status = status, AuthenticatedData = ad, ExtendedErrorCode = ede };

    [Theory]
    [InlineData(DnsResponseStatus.NoError, true, DnssecState.Secure)]
    [InlineData(DnsResponseStatus.NxDomain, true, DnssecState.Secure)]
    [InlineData(DnsResponseStatus.NoError, false, DnssecState.Insecure)]
    [InlineData(DnsResponseStatus.NxDomain, false, DnssecState.Insecure)]
    public void Classify_ValidatingResolver_AdDecides(DnsResponseStatus status, bool ad, DnssecState expected) =>
        Assert.Equal(expected, Validating.Classify(Answer(status, ad)));

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(12)]
    public void Classify_ServFailWithDnssecError_Bogus(int ede) =>
        Assert.Equal(DnssecState.Bogus, Validating.Classify(Answer(DnsResponseStatus.ServFail, ede: ede)));

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    [InlineData(22)]
    public void Classify_ServFailWithoutDnssecError_Indeterminate(int? ede) =>
        Assert.Equal(DnssecState.Indeterminate, Validating.Classify(Answer(DnsResponseStatus.ServFail, ede: ede)));

    [Theory]
    [InlineData(DnsResponseStatus.Timeout)]
    [InlineData(DnsResponseStatus.Refused)]
    [InlineData(DnsResponseStatus.NetworkError)]
    [InlineData(DnsResponseStatus.NotSent)]
    public void Classify_FailedQuery_Indeterminate(DnsResponseStatus status) =>
        Assert.Equal(DnssecState.Indeterminate, Validating.Classify(Answer(status)));

    [Fact]
    public void Classify_NoAdFromResolverThatDoesNotValidate_IndeterminateNotInsecure()
    {
        Assert.Equal(DnssecState.Indeterminate, NotValidating.Classify(Answer(DnsResponseStatus.NoError)));
        Assert.Equal(DnssecState.Indeterminate, Unknown.Classify(Answer(DnsResponseStatus.NoError)));
    }

    [Fact]
    public void Classify_AdFromResolverNotKnownToValidate_SecureAllTheSame()
    {
        Assert.Equal(DnssecState.Secure, Unknown.Classify(Answer(DnsResponseStatus.NoError, ad: true)));
    }

    [Fact]
    public void Classify_UntrustedPath_AdIgnored()
    {
        Assert.Equal(DnssecState.Indeterminate, Untrusted.Classify(Answer(DnsResponseStatus.NoError, ad: true)));
        Assert.Equal(DnssecState.Indeterminate, Untrusted.Classify(Answer(DnsResponseStatus.ServFail, ede: 6)));
    }

    [Fact]
    public void Unverifiable_NotValidating_SaysSoWithTheReason()
    {
        Assert.Equal("DNSSEC and DANE could not be verified: the DNS resolver does not validate (no AD)", NotValidating.Unverifiable);
        Assert.StartsWith("DNSSEC and DANE could not be verified: MailCheck does not trust the AD flag of its DNS resolver (the DNS server 192.0.2.53:53 is not on loopback", Untrusted.Unverifiable, StringComparison.Ordinal);
        Assert.Null(Validating.Unverifiable);
    }
}
