using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

public class CheckIdTests
{
    [Fact]
    public void New_Always_Returns22CharacterBase64UrlIds()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => CheckId.New()).ToList();

        Assert.All(ids, id => Assert.True(CheckId.IsValid(id), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA/A")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsValid_MalformedId_ReturnsFalse(string? value)
    {
        Assert.False(CheckId.IsValid(value));
    }
}
