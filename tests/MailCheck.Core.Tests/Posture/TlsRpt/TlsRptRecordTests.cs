using MailCheck.Core.Posture.TlsRpt;

namespace MailCheck.Core.Tests.Posture.TlsRpt;

public class TlsRptRecordTests
{
    [Theory]
    [InlineData("v=TLSRPTv1; rua=mailto:r@example.com", true)]
    [InlineData("v=TLSRPTv1;rua=mailto:r@example.com", true)]
    [InlineData("v=TLSRPTv1", true)]
    [InlineData("v=tlsrptv1; rua=mailto:r@example.com", false)]
    [InlineData("v = TLSRPTv1; rua=mailto:r@example.com", false)]
    [InlineData("rua=mailto:r@example.com; v=TLSRPTv1", false)]
    [InlineData("v=TLSRPTv10; rua=mailto:r@example.com", false)]
    public void IsTlsRptRecord_ExactVersionFirst(string text, bool expected)
    {
        Assert.Equal(expected, TlsRptRecord.IsTlsRptRecord(text));
    }

    [Fact]
    public void Parse_MailtoAndHttpsWithExtension_ReadsEach()
    {
        var record = TlsRptRecord.Parse("v=TLSRPTv1; rua=mailto:tls@example.com, https://reports.example.net/tlsrpt; ext.x-1=value;");

        Assert.Equal(["mailto:tls@example.com", "https://reports.example.net/tlsrpt"], record.UsableRua.Select(u => u.Uri));
        Assert.Equal("ext.x-1", Assert.Single(record.Extensions).Name);
        Assert.Empty(record.Problems);
    }

    [Fact]
    public void Parse_HttpAndBadAddress_NotUsable()
    {
        var record = TlsRptRecord.Parse("v=TLSRPTv1; rua=http://reports.example.net/x,mailto:nobody");

        Assert.Equal(2, record.Rua.Count);
        Assert.Empty(record.UsableRua);
    }

    [Fact]
    public void Parse_ExclamationMarkInAddress_AllowedUnlikeDmarc()
    {
        var record = TlsRptRecord.Parse("v=TLSRPTv1; rua=mailto:tls!1@example.com");

        Assert.Single(record.UsableRua);
    }

    [Fact]
    public void Parse_FieldWithoutValue_Problem()
    {
        var record = TlsRptRecord.Parse("v=TLSRPTv1; rua=mailto:r@example.com; broken");

        Assert.Contains("not a name=value field", Assert.Single(record.Problems), StringComparison.Ordinal);
    }
}
