using MailCheck.Core.Posture.Bimi;

namespace MailCheck.Core.Tests.Posture.Bimi;

public class BimiRecordTests
{
    [Theory]
    [InlineData("v=BIMI1; l=https://example.com/logo.svg", true)]
    [InlineData("v = BIMI1;l=", true)]
    [InlineData("v=bimi1; l=https://example.com/logo.svg", false)]
    [InlineData("l=https://example.com/logo.svg; v=BIMI1", false)]
    public void IsBimiRecord_ExactVersionFirst(string text, bool expected)
    {
        Assert.Equal(expected, BimiRecord.IsBimiRecord(text));
    }

    [Fact]
    public void Parse_LogoAndCertificate_ReadWithoutProblems()
    {
        var record = BimiRecord.Parse("v=BIMI1; l=https://images.example.com/brand/logo.svg; a=https://images.example.com/brand/vmc.pem; avp=personal");

        Assert.Equal("https://images.example.com/brand/logo.svg", record.Location);
        Assert.Equal("https://images.example.com/brand/vmc.pem", record.Evidence);
        Assert.Equal("personal", record.AvatarPreference);
        Assert.Empty(record.Problems);
        Assert.False(record.Declined);
    }

    [Fact]
    public void Parse_EmptyLocationAndEvidence_Declined()
    {
        Assert.True(BimiRecord.Parse("v=BIMI1; l=; a=;").Declined);
    }

    [Theory]
    [InlineData("v=BIMI1; a=https://example.com/vmc.pem", "l= is missing")]
    [InlineData("v=BIMI1; l=http://example.com/logo.svg", "https://")]
    [InlineData("v=BIMI1; l=https://example.com/logo.png", "other than SVG")]
    [InlineData("v=BIMI1; l=https://a.example.com/1.svg,https://b.example.com/2.svg", "several URIs")]
    [InlineData("v=BIMI1; l=https://localhost/logo.svg", "fully qualified")]
    [InlineData("v=BIMI1; l=https://example.com/logo.svg; avp=both", "avp=both")]
    public void Parse_Problem_NamesItsSection(string text, string problem)
    {
        var found = Assert.Single(BimiRecord.Parse(text).Problems);

        Assert.Contains(problem, found, StringComparison.Ordinal);
        Assert.Contains("draft-brand-indicators-for-message-identification §4.3", found, StringComparison.Ordinal);
    }
}
