using MailCheck.Core.Posture.MtaSts;

namespace MailCheck.Core.Tests.Posture.MtaSts;

public class MtaStsRecordTests
{
    [Theory]
    [InlineData("v=STSv1; id=20190429T010101;", "20190429T010101")]
    [InlineData("v=STSv1;id=abc", "abc")]
    [InlineData("v=STSv1;\tid=1 ; ", "1")]
    [InlineData("v=STSv1; id=12345678901234567890123456789012", "12345678901234567890123456789012")]
    [InlineData("v=STSv1; id=abc; ext=value; x.y-z_1=2", "abc")]
    public void Parse_Valid_ReadsTheId(string text, string id)
    {
        Assert.True(MtaStsRecord.IsStsRecord(text));
        var record = MtaStsRecord.Parse(text);

        Assert.True(record.IsValid, string.Join("; ", record.Problems));
        Assert.Equal(id, record.Id);
    }

    [Theory]
    [InlineData("v=STSv1;", "no id= field")]
    [InlineData("v=STSv1; ID=abc", "names are case-sensitive")]
    [InlineData("v=STSv1; id=", "is not 1 to 32 letters and digits")]
    [InlineData("v=STSv1; id=2019-04-29", "is not 1 to 32 letters and digits")]
    [InlineData("v=STSv1; id=123456789012345678901234567890123", "is not 1 to 32 letters and digits")]
    [InlineData("v=STSv1; id = abc", "is not a name=value field")]
    [InlineData("v=STSv1; id=abc;; x=1", "empty field")]
    [InlineData("v=STSv1; id=abc; ext=", "value of ext= is empty")]
    public void Parse_Invalid_NamesTheProblem(string text, string expected)
    {
        var record = MtaStsRecord.Parse(text);

        Assert.False(record.IsValid);
        Assert.Contains(record.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_RepeatedId_FirstWinsWithANote()
    {
        var record = MtaStsRecord.Parse("v=STSv1; id=first; id=second");

        Assert.True(record.IsValid);
        Assert.Equal("first", record.Id);
        Assert.Single(record.Notes);
    }

    [Theory]
    [InlineData("v=STSv1; id=1", true)]
    [InlineData("v=STSv1;id=1", true)]
    [InlineData("v=STSv1 id=1", false)]       // RFC 8461 §3.1: records not beginning with "v=STSv1;" are discarded
    [InlineData("v=STSv1 ; id=1", false)]     // ... even where the grammar would allow the space
    [InlineData("v=stsv1; id=1", false)]
    [InlineData(" v=STSv1; id=1", false)]
    [InlineData("v=STSv1", false)]
    [InlineData("v=spf1 -all", false)]
    public void IsStsRecord_OnlyTextBeginningExactlyWithTheVersion(string text, bool expected)
    {
        Assert.Equal(expected, MtaStsRecord.IsStsRecord(text));
    }

    [Theory]
    [InlineData("v=STSv1 id=1", true)]
    [InlineData("v=stsv1; id=1", true)]
    [InlineData("v=spf1 -all", false)]
    [InlineData("v=STSv1; id=1", false)]
    public void IsNearMiss_LooksLikeMtaStsButIsDiscarded(string text, bool expected)
    {
        Assert.Equal(expected, MtaStsRecord.IsNearMiss(text));
    }
}
