using System.Buffers.Binary;
using System.Text;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Tests.Dns;

public class ExtendedDnsErrorTests
{
    private static byte[] Option(int code, byte[] data)
    {
        var option = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(option, (ushort)code);
        BinaryPrimitives.WriteUInt16BigEndian(option.AsSpan(2), (ushort)data.Length);
        data.CopyTo(option, 4);
        return option;
    }

    private static byte[] Ede(int infoCode, string text)
    {
        var extra = Encoding.UTF8.GetBytes(text);
        var data = new byte[2 + extra.Length];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)infoCode);
        extra.CopyTo(data, 2);
        return Option(15, data);
    }

    [Fact]
    public void TryRead_UnboundBogusAnswer_CodeSixAndText()
    {
        var ok = ExtendedDnsError.TryRead(Ede(6, "validation failure <_25._tcp.mx.bogus.dane.test. TLSA IN>: signature crypto failed from 127.0.0.1"), out var code, out var text);

        Assert.True(ok);
        Assert.Equal(6, code);
        Assert.Equal("validation failure <_25._tcp.mx.bogus.dane.test. TLSA IN>: signature crypto failed from 127.0.0.1", text);
    }

    [Fact]
    public void TryRead_CookieBeforeTheError_SkipsToTheError()
    {
        var cookie = Option(10, [1, 2, 3, 4, 5, 6, 7, 8]);

        var ok = ExtendedDnsError.TryRead([.. cookie, .. Ede(7, "")], out var code, out var text);

        Assert.True(ok);
        Assert.Equal(7, code);
        Assert.Null(text);
    }

    [Fact]
    public void TryRead_NulTerminatedText_NulDropped()
    {
        ExtendedDnsError.TryRead(Ede(9, "no DNSKEY\0"), out _, out var text);

        Assert.Equal("no DNSKEY", text);
    }

    [Fact]
    public void TryRead_LengthRunsPastTheEnd_NothingRead()
    {
        var option = Ede(6, "bogus");
        var truncated = option[..^2];

        Assert.False(ExtendedDnsError.TryRead(truncated, out _, out _));
    }

    [Fact]
    public void TryRead_OtherOptionsOnly_False()
    {
        Assert.False(ExtendedDnsError.TryRead(Option(10, [1, 2, 3, 4, 5, 6, 7, 8]), out _, out _));
        Assert.False(ExtendedDnsError.TryRead([], out _, out _));
    }

    [Fact]
    public void TryRead_ErrorWithoutInfoCode_Skipped()
    {
        Assert.False(ExtendedDnsError.TryRead(Option(15, [0]), out _, out _));
    }

    [Theory]
    [InlineData(6, "DNSSEC Bogus")]
    [InlineData(7, "Signature Expired")]
    [InlineData(9, "DNSKEY Missing")]
    [InlineData(22, "No Reachable Authority")]
    [InlineData(99, "code 99")]
    public void Name_RegisteredCodes_RfcNames(int code, string name) => Assert.Equal(name, ExtendedDnsError.Name(code));

    [Fact]
    public void Describe_ServFailAnswer_ShowsCodeNameAndText()
    {
        var answer = new DnsAnswer { Name = "x.test", Type = DnsRecordType.TLSA, Status = DnsResponseStatus.ServFail, ExtendedErrorCode = 6, ExtendedErrorText = "signature crypto failed" };

        Assert.Equal("SERVFAIL (extended DNS error 6 (DNSSEC Bogus): signature crypto failed)", answer.Describe());
    }
}
