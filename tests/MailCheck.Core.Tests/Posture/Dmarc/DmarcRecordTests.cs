using MailCheck.Core.Posture.Dmarc;

namespace MailCheck.Core.Tests.Posture.Dmarc;

public class DmarcRecordTests
{
    [Theory]
    [InlineData("v=DMARC1", true)]
    [InlineData("v=DMARC1; p=none", true)]
    [InlineData("  v = DMARC1 ;p=none", true)]
    [InlineData("V=DMARC1; p=none", true)]
    [InlineData("v=dmarc1; p=none", false)]
    [InlineData("p=none; v=DMARC1", false)]
    [InlineData("v=DMARC10; p=none", false)]
    [InlineData("v=DMARC1p=none", false)]
    [InlineData("v=spf1 -all", false)]
    [InlineData("", false)]
    public void IsDmarcRecord_VersionFirstAndExact_Recognised(string text, bool expected)
    {
        Assert.Equal(expected, DmarcRecord.IsDmarcRecord(text));
    }

    [Fact]
    public void Parse_OnlyVersionAndPolicy_DefaultsEverythingElse()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=reject")!;

        Assert.Equal(DmarcPolicy.Reject, record.Policy);
        Assert.Null(record.SubdomainPolicy);
        Assert.Null(record.NonExistentPolicy);
        Assert.False(record.Testing);
        Assert.Equal(DmarcPsd.Unspecified, record.Psd);
        Assert.Equal(DmarcAlignmentMode.Relaxed, record.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Relaxed, record.SpfAlignment);
        Assert.Empty(record.AggregateReports);
        Assert.Empty(record.Issues);
    }

    [Fact]
    public void Parse_EveryTag_ReadsEachValue()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=quarantine; sp=reject; np=reject; psd=n; t=y; adkim=s; aspf=s; fo=1:d; rua=mailto:a@example.com, mailto:b@example.net!10m; ruf=mailto:f@example.com;")!;

        Assert.Equal(DmarcPolicy.Quarantine, record.Policy);
        Assert.Equal(DmarcPolicy.Reject, record.SubdomainPolicy);
        Assert.Equal(DmarcPolicy.Reject, record.NonExistentPolicy);
        Assert.Equal(DmarcPsd.No, record.Psd);
        Assert.True(record.Testing);
        Assert.Equal(DmarcAlignmentMode.Strict, record.DkimAlignment);
        Assert.Equal(DmarcAlignmentMode.Strict, record.SpfAlignment);
        Assert.Equal("1:d", record.FailureOptions);
        Assert.Equal(["example.com", "example.net"], record.AggregateReports.Select(u => u.Host));
        Assert.Equal("10m", record.AggregateReports[1].SizeLimit);
        Assert.Equal("mailto:b@example.net", record.AggregateReports[1].Uri);
        Assert.Equal("f@example.com", Assert.Single(record.FailureReports).Address);
        var issue = Assert.Single(record.Issues);
        Assert.Equal(DmarcIssueKind.Obsolete, issue.Kind);
        Assert.Contains("RFC 9989 §4.8", issue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RemovedTags_KeptAndNoted()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=reject; pct=50; ri=3600; rf=afrf")!;

        Assert.Equal(50, record.Percent);
        Assert.Equal(3600, record.ReportInterval);
        Assert.Equal("afrf", record.ReportFormat);
        Assert.Equal(["pct", "ri", "rf"], record.Issues.Select(i => i.Tag));
        Assert.All(record.Issues, i => Assert.Equal(DmarcIssueKind.Removed, i.Kind));
    }

    [Fact]
    public void Parse_MalformedValues_FallBackToDefaultsAndListEachIssue()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=rejct; adkim=x; t=maybe; psd=q; fo=0:1; pct=150")!;

        Assert.Null(record.Policy);
        Assert.True(record.HasInvalidPolicy);
        Assert.Equal(DmarcAlignmentMode.Relaxed, record.DkimAlignment);
        Assert.False(record.Testing);
        Assert.Equal(DmarcPsd.Unspecified, record.Psd);
        Assert.Null(record.FailureOptions);
        Assert.Null(record.Percent);
        Assert.Equal(["p", "adkim", "t", "psd", "fo", "pct"], record.Issues.Select(i => i.Tag));
        Assert.All(record.Issues, i => Assert.Equal(DmarcIssueKind.Invalid, i.Kind));
    }

    [Fact]
    public void Parse_PolicyInCapitals_Accepted()
    {
        Assert.Equal(DmarcPolicy.Reject, DmarcRecord.Parse("v=DMARC1; P=REJECT")!.Policy);
    }

    [Fact]
    public void Parse_UnknownTag_IgnoredAndNoted()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=none; foo=bar")!;

        var issue = Assert.Single(record.Issues);
        Assert.Equal(("foo", DmarcIssueKind.Unknown), (issue.Tag, issue.Kind));
    }

    [Fact]
    public void Parse_RepeatedTag_FirstValueUsedAndDuplicateNoted()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=none; p=reject")!;

        Assert.Equal(DmarcPolicy.None, record.Policy);
        var issue = Assert.Single(record.Issues);
        Assert.Equal(DmarcIssueKind.Duplicate, issue.Kind);
        Assert.Contains("RFC 6376 §3.2", issue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FailureOptionsWithoutRuf_NotedAsWithoutEffect()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=none; fo=1")!;

        Assert.Equal(DmarcIssueKind.Ignored, Assert.Single(record.Issues).Kind);
    }

    [Fact]
    public void Parse_PieceWithoutEquals_ListedAsSyntaxError()
    {
        var record = DmarcRecord.Parse("v=DMARC1; p=none; reject")!;

        var issue = Assert.Single(record.Issues);
        Assert.Equal(("", DmarcIssueKind.Invalid), (issue.Tag, issue.Kind));
        Assert.Contains("not a tag=value pair", issue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotADmarcRecord_ReturnsNull()
    {
        Assert.Null(DmarcRecord.Parse("v=spf1 -all"));
    }

    [Theory]
    [InlineData("mailto:d@example.com", "example.com", null)]
    [InlineData("mailto:d@EXAMPLE.com.", "example.com", null)]
    [InlineData("mailto:d@example.com!10m", "example.com", "10m")]
    [InlineData("https://reports.example.net/dmarc", "reports.example.net", null)]
    public void ReportUriParse_Usable_HostAndSize(string text, string host, string? size)
    {
        var uri = DmarcReportUri.Parse(text);

        Assert.True(uri.IsValid, uri.Problem);
        Assert.Equal(host, uri.Host);
        Assert.Equal(size, uri.SizeLimit);
    }

    [Theory]
    [InlineData("dmarc@example.com", "no scheme")]
    [InlineData("mailto:nobody", "not an email address")]
    [InlineData("mailto:d@exa mple.com", "not a valid domain name")]
    [InlineData("mailto:d@example.com!x", "percent-encoded")]
    [InlineData("https://[::1]/r", "not a domain name")]
    public void ReportUriParse_Unusable_SaysWhy(string text, string problem)
    {
        var uri = DmarcReportUri.Parse(text);

        Assert.False(uri.IsValid);
        Assert.Contains(problem, uri.Problem, StringComparison.Ordinal);
    }
}
